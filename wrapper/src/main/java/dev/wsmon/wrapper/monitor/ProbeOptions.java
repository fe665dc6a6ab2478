package dev.wsmon.wrapper.monitor;

import dev.wsmon.core.Durations;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A health probe of the monitor: every {@link #getEvery() interval}, on each open connection, send
 * {@link #getSend() a text message} and expect a text message containing {@link #getExpect() some
 * text} within {@link #getTimeout() a timeout}. A failed probe makes the connection {@code
 * DEGRADED} until a probe passes.
 *
 * <p>Command-line form ({@link #parse(String)}): {@code every=30s,send={"op":"ping"},expect=pong,
 * timeout=2s}. {@code send=} takes a JSON value or any text up to the next {@code ,key=}. JSON
 * form: the same keys; a {@code send} given as a JSON object or list is sent as its JSON text. At
 * least one of {@code send} and {@code expect} is required; without {@code expect} a probe passes
 * when its message was written.
 */
public class ProbeOptions {

  /** Default {@code every}: 30 seconds. */
  public static final Duration DEFAULT_EVERY = Duration.ofSeconds(30);

  /** Default {@code timeout}: 5 seconds (never more than {@code every}). */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  /** The JSON property names, which are also the keys of the command-line form. */
  public static final List<String> JSON_KEYS = List.of("every", "send", "expect", "timeout");

  private static final Pattern KEY = Pattern.compile("(?:^|,)(every|send|expect|timeout)=");
  private static final Pattern STRAY_KEY = Pattern.compile(",\\s*([A-Za-z_]+)=");

  private Duration every = DEFAULT_EVERY;
  private String send;
  private String expect;
  private Duration timeout;

  /** A probe with the defaults; set {@code send} or {@code expect}. */
  public ProbeOptions() {}

  /**
   * A copy of {@code other}.
   *
   * @param other the probe to copy
   */
  public ProbeOptions(ProbeOptions other) {
    every = other.every;
    send = other.send;
    expect = other.expect;
    timeout = other.timeout;
  }

  /**
   * A probe read from JSON.
   *
   * @param json {@code every}, {@code send}, {@code expect}, {@code timeout}
   * @throws IllegalArgumentException naming the key and the value when a key is unknown or a value
   *     is invalid, or when neither {@code send} nor {@code expect} is set
   */
  public ProbeOptions(JsonObject json) {
    for (String key : json.fieldNames()) {
      if (!JSON_KEYS.contains(key)) {
        throw new IllegalArgumentException(
            "unknown probe key '" + key + "'; a probe has " + String.join(", ", JSON_KEYS));
      }
    }
    if (json.containsKey("every")) {
      setEvery(Durations.fromConfig("every", json.getValue("every")));
    }
    if (json.containsKey("timeout")) {
      setTimeout(Durations.fromConfig("timeout", json.getValue("timeout")));
    }
    Object sendValue = json.getValue("send");
    if (sendValue instanceof JsonObject || sendValue instanceof JsonArray) {
      setSend(Json.encode(sendValue));
    } else if (sendValue != null) {
      setSend(String.valueOf(sendValue));
    }
    if (json.getValue("expect") != null) {
      setExpect(String.valueOf(json.getValue("expect")));
    }
    check();
  }

  /**
   * Parses the command-line form {@code every=30s,send={"op":"ping"},expect=pong,timeout=2s}.
   *
   * @param spec the spec
   * @return the probe
   * @throws IllegalArgumentException quoting the spec and naming the bad part
   */
  public static ProbeOptions parse(String spec) {
    Objects.requireNonNull(spec, "spec");
    try {
      return new ProbeOptions(fields(spec));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid probe '" + spec + "': " + e.getMessage(), e);
    }
  }

  private static JsonObject fields(String spec) {
    Matcher m = KEY.matcher(spec);
    JsonObject json = new JsonObject();
    String key = null;
    int valueStart = 0;
    while (m.find()) {
      if (key == null && m.start() != 0) {
        break;
      }
      if (key != null) {
        put(json, key, spec.substring(valueStart, m.start()));
      }
      key = m.group(1);
      valueStart = m.end();
    }
    if (key == null) {
      int eq = spec.indexOf('=');
      String first = eq < 0 ? spec : spec.substring(0, eq);
      throw new IllegalArgumentException(
          "expected key=value pairs starting with one of "
              + String.join(", ", JSON_KEYS)
              + ", got '"
              + first
              + "'");
    }
    put(json, key, spec.substring(valueStart));
    return json;
  }

  private static void put(JsonObject json, String key, String value) {
    if (json.containsKey(key)) {
      throw new IllegalArgumentException(key + " is given twice");
    }
    boolean jsonText = false;
    if (key.equals("send")) {
      try {
        Json.decodeValue(value);
        jsonText = true;
      } catch (DecodeException notJson) {
        // plain text
      }
    }
    Matcher stray = STRAY_KEY.matcher(value);
    if (!jsonText && stray.find()) {
      throw new IllegalArgumentException(
          "unknown probe key '"
              + stray.group(1)
              + "'; a probe has "
              + String.join(", ", JSON_KEYS));
    }
    json.put(key, value);
  }

  private void check() {
    if (send == null && expect == null) {
      throw new IllegalArgumentException("a probe needs send=TEXT, expect=TEXT or both");
    }
    if (getTimeout().compareTo(every) > 0) {
      throw new IllegalArgumentException(
          "timeout "
              + Durations.format(getTimeout())
              + " must not exceed every "
              + Durations.format(every));
    }
  }

  /** The JSON form, readable by {@link #ProbeOptions(JsonObject)}. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("every", Durations.format(every));
    if (send != null) {
      json.put("send", send);
    }
    if (expect != null) {
      json.put("expect", expect);
    }
    return json.put("timeout", Durations.format(getTimeout()));
  }

  /** The interval between probes (default 30 s); the first probe runs one interval after start. */
  public Duration getEvery() {
    return every;
  }

  /**
   * Sets the interval between probes.
   *
   * @param every at least 1 ms
   * @return this
   * @throws IllegalArgumentException when shorter than 1 ms
   */
  public ProbeOptions setEvery(Duration every) {
    if (Objects.requireNonNull(every, "every").toMillis() < 1) {
      throw new IllegalArgumentException(
          "every must be at least 1ms, got " + Durations.format(every));
    }
    this.every = every;
    return this;
  }

  /** The text message each probe sends, or {@code null} to only wait for {@code expect}. */
  public String getSend() {
    return send;
  }

  /**
   * Sets the text message each probe sends.
   *
   * @param send the text, not empty, or {@code null}
   * @return this
   * @throws IllegalArgumentException when empty
   */
  public ProbeOptions setSend(String send) {
    if (send != null && send.isEmpty()) {
      throw new IllegalArgumentException("send must not be empty");
    }
    this.send = send;
    return this;
  }

  /** The text a received text message must contain, or {@code null} to pass on the send alone. */
  public String getExpect() {
    return expect;
  }

  /**
   * Sets the text a received text message must contain for the probe to pass.
   *
   * @param expect the text, not empty, or {@code null}
   * @return this
   * @throws IllegalArgumentException when empty
   */
  public ProbeOptions setExpect(String expect) {
    if (expect != null && expect.isEmpty()) {
      throw new IllegalArgumentException("expect must not be empty");
    }
    this.expect = expect;
    return this;
  }

  /**
   * How long a probe waits for its message to be written and its reply (default 5 s, at most {@code
   * every}).
   */
  public Duration getTimeout() {
    return timeout != null
        ? timeout
        : DEFAULT_TIMEOUT.compareTo(every) > 0 ? every : DEFAULT_TIMEOUT;
  }

  /**
   * Sets how long a probe waits.
   *
   * @param timeout at least 1 ms
   * @return this
   * @throws IllegalArgumentException when shorter than 1 ms
   */
  public ProbeOptions setTimeout(Duration timeout) {
    if (Objects.requireNonNull(timeout, "timeout").toMillis() < 1) {
      throw new IllegalArgumentException(
          "timeout must be at least 1ms, got " + Durations.format(timeout));
    }
    this.timeout = timeout;
    return this;
  }

  /** A short label for logs and reasons: {@code every=30s send=... expect=pong timeout=2s}. */
  public String label() {
    StringBuilder b = new StringBuilder("every=").append(Durations.format(every));
    if (send != null) {
      b.append(" send=").append(send.length() > 40 ? send.substring(0, 40) + "…" : send);
    }
    if (expect != null) {
      b.append(" expect=").append(expect);
    }
    return b.append(" timeout=").append(Durations.format(getTimeout())).toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProbeOptions other && toJson().equals(other.toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return "ProbeOptions" + toJson().encode();
  }
}
