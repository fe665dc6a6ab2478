package dev.wsmon.testkit;

import dev.wsmon.testkit.impl.DurationText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The faults an {@link EchoServer} injects. A mutable data object: the server copies it when it is
 * given one ({@link EchoServerOptions#setFaults}, {@link EchoServer#faults(FaultSpec)}), so
 * changing a spec after handing it over has no effect; hand it over again to switch faults at run
 * time.
 *
 * <p>Every fault is off by default. The server reads the current spec when a handshake arrives,
 * when a connection opens (banner, oversize, push, timed drop) and for each message it receives
 * (echo delay, no-echo, close-after, drop-after, invalid UTF-8); a ping filter reads it for each
 * ping.
 *
 * <h2>Spec syntax ({@code wsmon serve --fault SPEC}, {@link #parse(String)})</h2>
 *
 * <p>Durations are a number with a unit {@code ms}, {@code s}, {@code m} or {@code h} (a bare
 * number means milliseconds, except in {@code drop-after}). Counts are per connection.
 *
 * <table>
 *   <caption>Fault specs</caption>
 *   <tr><th>spec</th><th>effect</th></tr>
 *   <tr><td>{@code close-after=N:CODE[:REASON]}</td>
 *       <td>after echoing the N-th message received on a connection, close it with the close
 *       code (1000-4999 except the reserved 1004, 1005, 1006 and 1015) and reason; N = 0 closes right after the open (and banner)</td></tr>
 *   <tr><td>{@code drop-after=N} / {@code drop-after=DUR}</td>
 *       <td>drop the TCP connection without a close frame after echoing the N-th message, or
 *       DUR after the open</td></tr>
 *   <tr><td>{@code reject=STATUS[:retry-after=SECONDS]}</td>
 *       <td>answer the upgrade with this HTTP status (100-599, not 101) and an optional
 *       {@code Retry-After} header</td></tr>
 *   <tr><td>{@code handshake-delay=DUR}</td><td>wait DUR before answering the upgrade</td></tr>
 *   <tr><td>{@code no-upgrade}</td><td>accept TCP, never answer the upgrade request</td></tr>
 *   <tr><td>{@code delay=DUR}</td><td>delay each echo by DUR</td></tr>
 *   <tr><td>{@code no-echo}</td><td>count received messages but do not echo them</td></tr>
 *   <tr><td>{@code no-pong}</td><td>do not answer pings (they are still counted)</td></tr>
 *   <tr><td>{@code banner=TEXT}</td><td>send TEXT as a text message on open</td></tr>
 *   <tr><td>{@code push=RATE/s[:gap-every=N][:dup-every=N][:reorder-every=N]}</td>
 *       <td>push {@code {"seq":n,"ts":epochMillis}} text messages at RATE per second per
 *       connection, seq from 1; every N-th seq is skipped (gap), sent twice (dup) or sent after
 *       its successor (reorder); when several apply to one seq, gap wins over reorder over
 *       dup</td></tr>
 *   <tr><td>{@code oversize=BYTES}</td><td>send one text message of BYTES bytes on open</td></tr>
 *   <tr><td>{@code invalid-utf8-every=N}</td>
 *       <td>every N-th text echo of a connection is sent as a text frame holding the echoed bytes
 *       followed by the invalid byte {@code 0xFF}</td></tr>
 *   <tr><td>{@code outage=DOWN/EVERY}</td>
 *       <td>the server stops listening (dropping open connections) for DOWN in every period
 *       EVERY: up EVERY-DOWN, down DOWN, repeated; DOWN &lt; EVERY</td></tr>
 *   <tr><td>{@code tls}</td><td>serve wss:// with a self-signed certificate generated once per JVM
 *       (read when the server starts listening)</td></tr>
 * </table>
 *
 * <p>A bad spec throws {@link IllegalArgumentException} whose message quotes the spec.
 */
public class FaultSpec {

  /** The default close code of {@code close-after}: {@value}. */
  public static final int DEFAULT_CLOSE_CODE = 1000;

  private int closeAfter = -1;
  private int closeCode = DEFAULT_CLOSE_CODE;
  private String closeReason;
  private int dropAfterMessages = -1;
  private Duration dropAfter;
  private int rejectStatus;
  private int retryAfterSeconds = -1;
  private Duration handshakeDelay = Duration.ZERO;
  private boolean noUpgrade;
  private Duration echoDelay = Duration.ZERO;
  private boolean noEcho;
  private boolean noPong;
  private String banner;
  private double pushRate;
  private int pushGapEvery;
  private int pushDupEvery;
  private int pushReorderEvery;
  private int oversize;
  private int invalidUtf8Every;
  private Duration outageDown;
  private Duration outageEvery;
  private boolean tls;

  /** No faults: a plain echo server. */
  public FaultSpec() {}

  /**
   * Copy constructor.
   *
   * @param other the spec to copy
   */
  public FaultSpec(FaultSpec other) {
    closeAfter = other.closeAfter;
    closeCode = other.closeCode;
    closeReason = other.closeReason;
    dropAfterMessages = other.dropAfterMessages;
    dropAfter = other.dropAfter;
    rejectStatus = other.rejectStatus;
    retryAfterSeconds = other.retryAfterSeconds;
    handshakeDelay = other.handshakeDelay;
    noUpgrade = other.noUpgrade;
    echoDelay = other.echoDelay;
    noEcho = other.noEcho;
    noPong = other.noPong;
    banner = other.banner;
    pushRate = other.pushRate;
    pushGapEvery = other.pushGapEvery;
    pushDupEvery = other.pushDupEvery;
    pushReorderEvery = other.pushReorderEvery;
    oversize = other.oversize;
    invalidUtf8Every = other.invalidUtf8Every;
    outageDown = other.outageDown;
    outageEvery = other.outageEvery;
    tls = other.tls;
  }

  /**
   * Builds a spec from several spec strings, as given to repeated {@code --fault} flags.
   *
   * @param specs spec strings in the syntax of the class documentation
   * @throws IllegalArgumentException naming the first bad spec
   */
  public FaultSpec(Collection<String> specs) {
    specs.forEach(this::add);
  }

  /**
   * Parses one spec string.
   *
   * @param spec e.g. {@code close-after=100:4001:bye}
   * @return a new spec holding that one fault
   * @throws IllegalArgumentException naming the spec when it is malformed
   */
  public static FaultSpec parse(String spec) {
    return new FaultSpec().add(spec);
  }

  /**
   * Parses {@code spec} and adds its fault to this spec (replacing a previous setting of the same
   * fault).
   *
   * @param spec one spec string
   * @return this
   * @throws IllegalArgumentException naming the spec when it is malformed
   */
  public FaultSpec add(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("bad fault spec '" + spec + "': empty");
    }
    try {
      apply(spec.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("bad fault spec '" + spec + "': " + e.getMessage(), e);
    }
    return this;
  }

  private void apply(String spec) {
    int eq = spec.indexOf('=');
    String name = (eq < 0 ? spec : spec.substring(0, eq)).toLowerCase(Locale.ROOT);
    String value = eq < 0 ? null : spec.substring(eq + 1);
    switch (name) {
      case "no-upgrade" -> noUpgrade = flag(value);
      case "no-pong" -> noPong = flag(value);
      case "no-echo" -> noEcho = flag(value);
      case "tls" -> tls = flag(value);
      case "banner" -> setBanner(required(value));
      case "delay" -> setEchoDelay(DurationText.parse(required(value)));
      case "handshake-delay" -> setHandshakeDelay(DurationText.parse(required(value)));
      case "oversize" -> setOversize(integer(required(value)));
      case "invalid-utf8-every" -> setInvalidUtf8Every(integer(required(value)));
      case "close-after" -> parseCloseAfter(required(value));
      case "drop-after" -> parseDropAfter(required(value));
      case "reject" -> parseReject(required(value));
      case "push" -> parsePush(required(value));
      case "outage" -> parseOutage(required(value));
      default -> throw new IllegalArgumentException("unknown fault '" + name + "'");
    }
  }

  private static boolean flag(String value) {
    if (value != null) {
      throw new IllegalArgumentException("takes no value");
    }
    return true;
  }

  private static String required(String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("needs a value");
    }
    return value;
  }

  private static int integer(String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an integer: '" + text + "'");
    }
  }

  private static int count(String text) {
    int n = integer(text);
    if (n < 0) {
      throw new IllegalArgumentException("must be >= 0, got " + n);
    }
    return n;
  }

  private void parseCloseAfter(String value) {
    String[] parts = value.split(":", 3);
    if (parts.length < 2) {
      throw new IllegalArgumentException("expected N:CODE[:REASON]");
    }
    setCloseAfter(count(parts[0]), integer(parts[1]), parts.length == 3 ? parts[2] : null);
  }

  private void parseDropAfter(String value) {
    if (DurationText.hasUnit(value)) {
      setDropAfter(DurationText.parse(value));
    } else {
      setDropAfterMessages(count(value));
    }
  }

  private void parseReject(String value) {
    String[] parts = value.split(":");
    int retryAfter = -1;
    if (parts.length > 2) {
      throw new IllegalArgumentException("expected STATUS[:retry-after=SECONDS]");
    }
    if (parts.length == 2) {
      if (!parts[1].startsWith("retry-after=")) {
        throw new IllegalArgumentException("unknown option '" + parts[1] + "'");
      }
      retryAfter = integer(parts[1].substring("retry-after=".length()));
    }
    setReject(integer(parts[0]), retryAfter);
  }

  private void parsePush(String value) {
    String[] parts = value.split(":");
    String rate = parts[0];
    if (!rate.endsWith("/s")) {
      throw new IllegalArgumentException("rate must be RATE/s, got '" + rate + "'");
    }
    double perSecond;
    try {
      perSecond = Double.parseDouble(rate.substring(0, rate.length() - 2));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a rate: '" + rate + "'");
    }
    int gap = 0;
    int dup = 0;
    int reorder = 0;
    for (int i = 1; i < parts.length; i++) {
      String[] kv = parts[i].split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("expected OPTION=N, got '" + parts[i] + "'");
      }
      int n = integer(kv[1]);
      switch (kv[0]) {
        case "gap-every" -> gap = n;
        case "dup-every" -> dup = n;
        case "reorder-every" -> reorder = n;
        default -> throw new IllegalArgumentException("unknown option '" + kv[0] + "'");
      }
    }
    setPush(perSecond, gap, dup, reorder);
  }

  private void parseOutage(String value) {
    String[] parts = value.split("/");
    if (parts.length != 2) {
      throw new IllegalArgumentException("expected DOWN/EVERY");
    }
    setOutage(DurationText.parse(parts[0]), DurationText.parse(parts[1]));
  }

  /**
   * The canonical spec strings of this spec; {@code new FaultSpec(spec.toSpecs())} equals it.
   *
   * @return one string per fault that is on, in the order of the class documentation
   */
  public List<String> toSpecs() {
    List<String> out = new ArrayList<>();
    if (closeAfter >= 0) {
      out.add(
          "close-after="
              + closeAfter
              + ":"
              + closeCode
              + (closeReason == null ? "" : ":" + closeReason));
    }
    if (dropAfterMessages >= 0) {
      out.add("drop-after=" + dropAfterMessages);
    }
    if (dropAfter != null) {
      out.add("drop-after=" + DurationText.format(dropAfter));
    }
    if (rejectStatus != 0) {
      out.add(
          "reject="
              + rejectStatus
              + (retryAfterSeconds >= 0 ? ":retry-after=" + retryAfterSeconds : ""));
    }
    if (!handshakeDelay.isZero()) {
      out.add("handshake-delay=" + DurationText.format(handshakeDelay));
    }
    if (noUpgrade) {
      out.add("no-upgrade");
    }
    if (!echoDelay.isZero()) {
      out.add("delay=" + DurationText.format(echoDelay));
    }
    if (noEcho) {
      out.add("no-echo");
    }
    if (noPong) {
      out.add("no-pong");
    }
    if (banner != null) {
      out.add("banner=" + banner);
    }
    if (pushRate > 0) {
      String rate =
          pushRate == Math.rint(pushRate) ? Long.toString((long) pushRate) : "" + pushRate;
      out.add(
          "push="
              + rate
              + "/s"
              + (pushGapEvery > 0 ? ":gap-every=" + pushGapEvery : "")
              + (pushDupEvery > 0 ? ":dup-every=" + pushDupEvery : "")
              + (pushReorderEvery > 0 ? ":reorder-every=" + pushReorderEvery : ""));
    }
    if (oversize > 0) {
      out.add("oversize=" + oversize);
    }
    if (invalidUtf8Every > 0) {
      out.add("invalid-utf8-every=" + invalidUtf8Every);
    }
    if (outageDown != null) {
      out.add("outage=" + DurationText.format(outageDown) + "/" + DurationText.format(outageEvery));
    }
    if (tls) {
      out.add("tls");
    }
    return out;
  }

  /**
   * Closes each connection after it received {@code messages} messages.
   *
   * @param messages messages after which to close, &ge; 0 (0 = right after the open); -1 turns the
   *     fault off
   * @param code the close code, 1000-4999 except the reserved 1004, 1005, 1006 and 1015
   * @param reason the close reason, or null; at most 123 bytes in UTF-8
   * @return this
   */
  public FaultSpec setCloseAfter(int messages, int code, String reason) {
    if (messages < -1) {
      throw new IllegalArgumentException("close-after messages must be >= 0, got " + messages);
    }
    if (code < 1000
        || code > 4999
        || code == 1004
        || code == 1005
        || code == 1006
        || code == 1015) {
      throw new IllegalArgumentException(
          "close code must be 1000-4999 and not 1004, 1005, 1006 or 1015, got " + code);
    }
    if (reason != null && reason.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 123) {
      throw new IllegalArgumentException("close reason must be at most 123 bytes, got " + reason);
    }
    closeAfter = messages;
    closeCode = code;
    closeReason = reason;
    return this;
  }

  /** Messages after which a connection is closed; -1 when off. */
  public int getCloseAfter() {
    return closeAfter;
  }

  /** The close code of {@code close-after}. */
  public int getCloseCode() {
    return closeCode;
  }

  /** The close reason of {@code close-after}, or null. */
  public String getCloseReason() {
    return closeReason;
  }

  /**
   * Drops each connection (TCP close, no close frame) after it received {@code messages} messages.
   *
   * @param messages &ge; 0, or -1 for off
   * @return this
   */
  public FaultSpec setDropAfterMessages(int messages) {
    if (messages < -1) {
      throw new IllegalArgumentException("drop-after messages must be >= 0, got " + messages);
    }
    dropAfterMessages = messages;
    return this;
  }

  /** Messages after which a connection is dropped; -1 when off. */
  public int getDropAfterMessages() {
    return dropAfterMessages;
  }

  /**
   * Drops each connection (TCP close, no close frame) this long after it opened.
   *
   * @param delay the delay, positive, or null for off
   * @return this
   */
  public FaultSpec setDropAfter(Duration delay) {
    dropAfter = positiveOrNull("drop-after", delay);
    return this;
  }

  /** The delay after which a connection is dropped, or null. */
  public Duration getDropAfter() {
    return dropAfter;
  }

  /**
   * Rejects every handshake with an HTTP status.
   *
   * @param status 100-599 except 101, or 0 for off
   * @param retryAfterSeconds the {@code Retry-After} header value in seconds, or -1 for none
   * @return this
   */
  public FaultSpec setReject(int status, int retryAfterSeconds) {
    if (status != 0 && (status < 100 || status > 599 || status == 101)) {
      throw new IllegalArgumentException(
          "reject status must be 100-599 and not 101, got " + status);
    }
    if (retryAfterSeconds < -1) {
      throw new IllegalArgumentException("retry-after must be >= 0, got " + retryAfterSeconds);
    }
    rejectStatus = status;
    this.retryAfterSeconds = status == 0 ? -1 : retryAfterSeconds;
    return this;
  }

  /** The rejection status, 0 when off. */
  public int getRejectStatus() {
    return rejectStatus;
  }

  /** The {@code Retry-After} seconds sent with a rejection, -1 for none. */
  public int getRetryAfterSeconds() {
    return retryAfterSeconds;
  }

  /**
   * Waits this long before answering each upgrade request.
   *
   * @param delay zero or positive, default zero
   * @return this
   */
  public FaultSpec setHandshakeDelay(Duration delay) {
    handshakeDelay = nonNegative("handshake-delay", delay);
    return this;
  }

  /** The handshake delay, zero when off. */
  public Duration getHandshakeDelay() {
    return handshakeDelay;
  }

  /**
   * Accepts TCP but never answers the upgrade request.
   *
   * @param noUpgrade true to hang handshakes
   * @return this
   */
  public FaultSpec setNoUpgrade(boolean noUpgrade) {
    this.noUpgrade = noUpgrade;
    return this;
  }

  /** True when handshakes are never answered. */
  public boolean isNoUpgrade() {
    return noUpgrade;
  }

  /**
   * Delays each echo.
   *
   * @param delay zero or positive, default zero
   * @return this
   */
  public FaultSpec setEchoDelay(Duration delay) {
    echoDelay = nonNegative("delay", delay);
    return this;
  }

  /** The echo delay, zero when off. */
  public Duration getEchoDelay() {
    return echoDelay;
  }

  /**
   * Counts received messages without echoing them.
   *
   * @param noEcho true to stop echoing
   * @return this
   */
  public FaultSpec setNoEcho(boolean noEcho) {
    this.noEcho = noEcho;
    return this;
  }

  /** True when messages are not echoed. */
  public boolean isNoEcho() {
    return noEcho;
  }

  /**
   * Stops answering pings (they are still counted).
   *
   * @param noPong true to swallow pings
   * @return this
   */
  public FaultSpec setNoPong(boolean noPong) {
    this.noPong = noPong;
    return this;
  }

  /** True when pings are not answered. */
  public boolean isNoPong() {
    return noPong;
  }

  /**
   * Sends this text message on open.
   *
   * @param banner the text, or null for none
   * @return this
   */
  public FaultSpec setBanner(String banner) {
    this.banner = banner;
    return this;
  }

  /** The banner, or null. */
  public String getBanner() {
    return banner;
  }

  /**
   * Pushes sequenced JSON messages {@code {"seq":n,"ts":epochMillis}} on every connection.
   *
   * @param perSecond messages per second per connection, 0 for off, at most 100 000
   * @param gapEvery every N-th seq is never sent; 0 for none
   * @param dupEvery every N-th seq is sent twice; 0 for none
   * @param reorderEvery every N-th seq is sent after its successor; 0 for none
   * @return this
   */
  public FaultSpec setPush(double perSecond, int gapEvery, int dupEvery, int reorderEvery) {
    if (!(perSecond >= 0 && perSecond <= 100_000)) {
      throw new IllegalArgumentException("push rate must be 0-100000 per second, got " + perSecond);
    }
    requireEvery("gap-every", gapEvery);
    requireEvery("dup-every", dupEvery);
    requireEvery("reorder-every", reorderEvery);
    pushRate = perSecond;
    pushGapEvery = gapEvery;
    pushDupEvery = dupEvery;
    pushReorderEvery = reorderEvery;
    return this;
  }

  /** Pushed messages per second per connection, 0 when off. */
  public double getPushRate() {
    return pushRate;
  }

  /** Every N-th pushed seq is skipped; 0 for none. */
  public int getPushGapEvery() {
    return pushGapEvery;
  }

  /** Every N-th pushed seq is duplicated; 0 for none. */
  public int getPushDupEvery() {
    return pushDupEvery;
  }

  /** Every N-th pushed seq is swapped with its successor; 0 for none. */
  public int getPushReorderEvery() {
    return pushReorderEvery;
  }

  /**
   * Sends one text message of this many bytes on open (after the banner).
   *
   * @param bytes the size in bytes, 0 for off
   * @return this
   */
  public FaultSpec setOversize(int bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("oversize must be >= 0 bytes, got " + bytes);
    }
    oversize = bytes;
    return this;
  }

  /** The size of the oversize message in bytes, 0 when off. */
  public int getOversize() {
    return oversize;
  }

  /**
   * Turns every N-th text echo of a connection into a frame with invalid UTF-8 (the echoed bytes
   * followed by {@code 0xFF}).
   *
   * @param every N &ge; 1, or 0 for off
   * @return this
   */
  public FaultSpec setInvalidUtf8Every(int every) {
    requireEvery("invalid-utf8-every", every);
    invalidUtf8Every = every;
    return this;
  }

  /** Every N-th text echo is invalid UTF-8; 0 when off. */
  public int getInvalidUtf8Every() {
    return invalidUtf8Every;
  }

  /**
   * Stops listening for {@code down} in every period {@code every} (up every-down, then down).
   *
   * @param down the outage length, positive, or null (with {@code every} null) for off
   * @param every the period, longer than {@code down}
   * @return this
   */
  public FaultSpec setOutage(Duration down, Duration every) {
    if (down == null && every == null) {
      outageDown = null;
      outageEvery = null;
      return this;
    }
    positiveOrNull("outage down", Objects.requireNonNull(down, "outage down"));
    positiveOrNull("outage every", Objects.requireNonNull(every, "outage every"));
    if (down.compareTo(every) >= 0) {
      throw new IllegalArgumentException(
          "outage down must be shorter than its period, got " + down + "/" + every);
    }
    outageDown = down;
    outageEvery = every;
    return this;
  }

  /** How long each outage lasts, or null when off. */
  public Duration getOutageDown() {
    return outageDown;
  }

  /** The outage period, or null when off. */
  public Duration getOutageEvery() {
    return outageEvery;
  }

  /**
   * Serves wss:// with a self-signed certificate.
   *
   * @param tls true for TLS
   * @return this
   */
  public FaultSpec setTls(boolean tls) {
    this.tls = tls;
    return this;
  }

  /** True for wss://. */
  public boolean isTls() {
    return tls;
  }

  private static void requireEvery(String name, int every) {
    if (every < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, got " + every);
    }
  }

  private static Duration nonNegative(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, got " + d);
    }
    return d;
  }

  private static Duration positiveOrNull(String name, Duration d) {
    if (d != null && (d.isNegative() || d.isZero())) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
    return d;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FaultSpec other && toSpecs().equals(other.toSpecs());
  }

  @Override
  public int hashCode() {
    return toSpecs().hashCode();
  }

  @Override
  public String toString() {
    return String.join(" ", toSpecs());
  }
}
