package dev.wsmon.core.protocol;

import dev.wsmon.core.Durations;
import dev.wsmon.core.impl.JsonOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * STOMP 1.2 settings (config block {@code stomp}).
 *
 * <p>The CONNECT frame carries {@link #getLogin() login}, {@link #getPasscode() passcode}, {@link
 * #getHost() host} and the heart-beat wish {@link #getHeartbeatOutgoing() outgoing}, {@link
 * #getHeartbeatIncoming() incoming} (as the official stomp.js client: 10 s each way). Without a
 * scenario, a run SUBSCRIBEs to {@link #getSubscribe() subscribe} (default: the send destination)
 * and SENDs each message to {@link #getDestination() destination}; with correlation on each SEND
 * asks for a RECEIPT, whose arrival is the round trip.
 */
public class StompOptions {

  /** Default {@code heartbeatOutgoing}: 10 s (0 = never send heart-beats). */
  public static final Duration DEFAULT_HEARTBEAT_OUTGOING = Duration.ofSeconds(10);

  /** Default {@code heartbeatIncoming}: 10 s (0 = do not ask for the server's heart-beats). */
  public static final Duration DEFAULT_HEARTBEAT_INCOMING = Duration.ofSeconds(10);

  /** The JSON property names. */
  public static final List<String> JSON_KEYS =
      List.of(
          "login",
          "passcode",
          "host",
          "heartbeatOutgoing",
          "heartbeatIncoming",
          "destination",
          "subscribe");

  private String login;
  private String passcode;
  private String host;
  private Duration heartbeatOutgoing;
  private Duration heartbeatIncoming;
  private String destination;
  private String subscribe;

  /** The defaults: no login, host = the URI's host, 10 s heart-beats, no destination. */
  public StompOptions() {
    heartbeatOutgoing = DEFAULT_HEARTBEAT_OUTGOING;
    heartbeatIncoming = DEFAULT_HEARTBEAT_INCOMING;
  }

  /** A copy of {@code other}. */
  public StompOptions(StompOptions other) {
    login = other.login;
    passcode = other.passcode;
    host = other.host;
    heartbeatOutgoing = other.heartbeatOutgoing;
    heartbeatIncoming = other.heartbeatIncoming;
    destination = other.destination;
    subscribe = other.subscribe;
  }

  /**
   * Reads the JSON form.
   *
   * @throws IllegalArgumentException naming an unknown key or a bad value
   */
  public StompOptions(JsonObject json) {
    this();
    JsonOptions.rejectUnknown(json, JSON_KEYS, "stomp option");
    login = json.containsKey("login") ? JsonOptions.string(json, "login") : null;
    passcode = json.containsKey("passcode") ? JsonOptions.string(json, "passcode") : null;
    host = json.containsKey("host") ? JsonOptions.string(json, "host") : null;
    if (json.containsKey("heartbeatOutgoing")) {
      setHeartbeatOutgoing(JsonOptions.duration(json, "heartbeatOutgoing"));
    }
    if (json.containsKey("heartbeatIncoming")) {
      setHeartbeatIncoming(JsonOptions.duration(json, "heartbeatIncoming"));
    }
    if (json.containsKey("destination")) {
      setDestination(JsonOptions.string(json, "destination"));
    }
    if (json.containsKey("subscribe")) {
      setSubscribe(JsonOptions.string(json, "subscribe"));
    }
  }

  /** The JSON form. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    putIfSet(json, "login", login);
    putIfSet(json, "passcode", passcode);
    putIfSet(json, "host", host);
    json.put("heartbeatOutgoing", Durations.format(heartbeatOutgoing))
        .put("heartbeatIncoming", Durations.format(heartbeatIncoming));
    putIfSet(json, "destination", destination);
    putIfSet(json, "subscribe", subscribe);
    return json;
  }

  private static void putIfSet(JsonObject json, String key, String value) {
    if (value != null) {
      json.put(key, value);
    }
  }

  /** The CONNECT {@code login} header, or {@code null} for none. */
  public String getLogin() {
    return login;
  }

  /** Sets the CONNECT {@code login} header ({@code null} for none). */
  public StompOptions setLogin(String login) {
    this.login = login;
    return this;
  }

  /** The CONNECT {@code passcode} header, or {@code null} for none. */
  public String getPasscode() {
    return passcode;
  }

  /** Sets the CONNECT {@code passcode} header ({@code null} for none). */
  public StompOptions setPasscode(String passcode) {
    this.passcode = passcode;
    return this;
  }

  /** The CONNECT {@code host} header (a virtual host), or {@code null} for the URI's host. */
  public String getHost() {
    return host;
  }

  /** Sets the CONNECT {@code host} header ({@code null}: the URI's host). */
  public StompOptions setHost(String host) {
    this.host = host;
    return this;
  }

  /** How often wsmon offers to send heart-beats, default 10 s; zero = never. */
  public Duration getHeartbeatOutgoing() {
    return heartbeatOutgoing;
  }

  /**
   * Sets how often wsmon offers to send heart-beats (the CONNECT {@code heart-beat} header's first
   * value, whole milliseconds).
   *
   * @param every zero or positive
   * @return this
   */
  public StompOptions setHeartbeatOutgoing(Duration every) {
    this.heartbeatOutgoing = nonNegative("heartbeatOutgoing", every);
    return this;
  }

  /** How often wsmon asks the server for heart-beats, default 10 s; zero = never. */
  public Duration getHeartbeatIncoming() {
    return heartbeatIncoming;
  }

  /**
   * Sets how often wsmon asks the server for heart-beats (the second value); a server that then
   * stays silent for twice the negotiated period (at least the period + 1 s) is treated like a
   * missing pong.
   *
   * @param every zero or positive
   * @return this
   */
  public StompOptions setHeartbeatIncoming(Duration every) {
    this.heartbeatIncoming = nonNegative("heartbeatIncoming", every);
    return this;
  }

  /** The destination a run's sends go to, or {@code null} (then a run cannot send). */
  public String getDestination() {
    return destination;
  }

  /** Sets the destination a run's sends go to, e.g. {@code /topic/x}. */
  public StompOptions setDestination(String destination) {
    this.destination = nonEmpty("destination", destination);
    return this;
  }

  /** The destination subscribed to after CONNECTED, or {@code null} for the send destination. */
  public String getSubscribe() {
    return subscribe;
  }

  /** Sets the destination subscribed to after CONNECTED ({@code null}: the send destination). */
  public StompOptions setSubscribe(String subscribe) {
    this.subscribe = nonEmpty("subscribe", subscribe);
    return this;
  }

  /** The destination subscribed to: {@link #getSubscribe()}, else the send destination. */
  public String effectiveSubscribe() {
    return subscribe != null ? subscribe : destination;
  }

  private static String nonEmpty(String key, String value) {
    if (value != null && value.isEmpty()) {
      throw new IllegalArgumentException("stomp " + key + " must not be empty");
    }
    return value;
  }

  private static Duration nonNegative(String key, Duration d) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException("stomp " + key + " must be 0 or more, got " + d);
    }
    return d;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StompOptions other && toJson().equals(other.toJson());
  }

  @Override
  public int hashCode() {
    return Objects.hash(login, host, heartbeatOutgoing, heartbeatIncoming, destination, subscribe);
  }
}
