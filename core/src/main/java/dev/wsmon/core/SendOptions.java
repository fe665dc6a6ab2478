package dev.wsmon.core;

import dev.wsmon.core.impl.JsonOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * How a connection sends: the buffer for sends made while it is not open, backpressure when the
 * socket's write queue is full, and how replies are matched to requests. Held by {@link
 * ConnectionOptions#getSendOptions()}; its JSON keys sit flat in the connection options' JSON.
 */
public class SendOptions {

  /** Default {@code sendBufferSize}: {@value} messages; sends fail at once when not connected. */
  public static final int DEFAULT_SEND_BUFFER_SIZE = 0;

  /** Default {@code backpressure}: {@link Backpressure#WAIT}. */
  public static final Backpressure DEFAULT_BACKPRESSURE = Backpressure.WAIT;

  /** Default {@code maxPendingWrites}: {@value} messages waiting for the socket to drain. */
  public static final int DEFAULT_MAX_PENDING_WRITES = 1024;

  /** Default {@code correlation}: {@link Correlation#fifo()}. */
  public static final Correlation DEFAULT_CORRELATION = Correlation.fifo();

  /** Default {@code maxPendingRequests}: {@value} unanswered requests per connection. */
  public static final int DEFAULT_MAX_PENDING_REQUESTS = 1024;

  /** The JSON property names. */
  public static final List<String> JSON_KEYS =
      List.of(
          "sendBufferSize",
          "backpressure",
          "maxPendingWrites",
          "correlation",
          "maxPendingRequests");

  private int sendBufferSize;
  private Backpressure backpressure;
  private int maxPendingWrites;
  private Correlation correlation;
  private int maxPendingRequests;

  /** The defaults. */
  public SendOptions() {
    sendBufferSize = DEFAULT_SEND_BUFFER_SIZE;
    backpressure = DEFAULT_BACKPRESSURE;
    maxPendingWrites = DEFAULT_MAX_PENDING_WRITES;
    correlation = DEFAULT_CORRELATION;
    maxPendingRequests = DEFAULT_MAX_PENDING_REQUESTS;
  }

  /**
   * A copy of {@code other}.
   *
   * @param other the options to copy
   */
  public SendOptions(SendOptions other) {
    sendBufferSize = other.sendBufferSize;
    backpressure = other.backpressure;
    maxPendingWrites = other.maxPendingWrites;
    correlation = other.correlation;
    maxPendingRequests = other.maxPendingRequests;
  }

  /**
   * Reads the keys of {@link #JSON_KEYS} from {@code json}; missing keys keep their defaults and
   * other keys are ignored (they belong to the enclosing connection options).
   *
   * @param json the JSON form
   * @throws IllegalArgumentException naming the key and the bad value
   */
  public SendOptions(JsonObject json) {
    this();
    if (json.containsKey("sendBufferSize")) {
      setSendBufferSize(JsonOptions.int32(json, "sendBufferSize"));
    }
    if (json.containsKey("backpressure")) {
      setBackpressure(JsonOptions.enumValue(json, "backpressure", Backpressure.class));
    }
    if (json.containsKey("maxPendingWrites")) {
      setMaxPendingWrites(JsonOptions.int32(json, "maxPendingWrites"));
    }
    if (json.containsKey("correlation")) {
      setCorrelation(Correlation.parse(JsonOptions.string(json, "correlation")));
    }
    if (json.containsKey("maxPendingRequests")) {
      setMaxPendingRequests(JsonOptions.int32(json, "maxPendingRequests"));
    }
  }

  /**
   * The JSON form, every key; a custom correlation is written as {@code "custom"} and cannot be
   * read back.
   */
  public JsonObject toJson() {
    return new JsonObject()
        .put("sendBufferSize", sendBufferSize)
        .put("backpressure", backpressure.name())
        .put("maxPendingWrites", maxPendingWrites)
        .put("correlation", correlation.toString())
        .put("maxPendingRequests", maxPendingRequests);
  }

  /** Messages that may wait while not connected (default 0). */
  public int getSendBufferSize() {
    return sendBufferSize;
  }

  /**
   * Sets how many sends may wait while the connection is not open; they are written once it opens.
   * With 0 (the default) a send fails at once when not connected; a send beyond the bound fails.
   * Waiting sends fail when the connection gives up or stops.
   *
   * @param sendBufferSize messages, 0 or more
   * @return this
   * @throws IllegalArgumentException when negative
   */
  public SendOptions setSendBufferSize(int sendBufferSize) {
    if (sendBufferSize < 0) {
      throw new IllegalArgumentException(
          "sendBufferSize must not be negative, got " + sendBufferSize);
    }
    this.sendBufferSize = sendBufferSize;
    return this;
  }

  /** What a send does when the socket's write queue is full (default WAIT). */
  public Backpressure getBackpressure() {
    return backpressure;
  }

  /**
   * Sets what a send does when the socket's write queue is full: wait for it to drain (up to {@link
   * #setMaxPendingWrites maxPendingWrites}) or fail at once. Default {@link Backpressure#WAIT}.
   *
   * @param backpressure WAIT or FAIL
   * @return this
   */
  public SendOptions setBackpressure(Backpressure backpressure) {
    this.backpressure = Objects.requireNonNull(backpressure, "backpressure");
    return this;
  }

  /** Messages that may wait for the socket to drain under {@link Backpressure#WAIT} (1024). */
  public int getMaxPendingWrites() {
    return maxPendingWrites;
  }

  /**
   * Sets how many sends may wait for the socket to drain under {@link Backpressure#WAIT}; a send
   * beyond the bound fails. Default 1024.
   *
   * @param maxPendingWrites messages, at least 1
   * @return this
   * @throws IllegalArgumentException when less than 1
   */
  public SendOptions setMaxPendingWrites(int maxPendingWrites) {
    this.maxPendingWrites = atLeastOne("maxPendingWrites", maxPendingWrites);
    return this;
  }

  /** How replies are matched to requests (default FIFO). */
  public Correlation getCorrelation() {
    return correlation;
  }

  /**
   * Sets how replies are matched to requests. Default {@link Correlation#fifo()}.
   *
   * @param correlation the correlation
   * @return this
   */
  public SendOptions setCorrelation(Correlation correlation) {
    this.correlation = Objects.requireNonNull(correlation, "correlation");
    return this;
  }

  /** Unanswered requests allowed per connection (default 1024). */
  public int getMaxPendingRequests() {
    return maxPendingRequests;
  }

  /**
   * Sets how many requests may wait for their reply per connection; a request beyond it fails with
   * "too many pending requests". Default 1024.
   *
   * @param maxPendingRequests at least 1
   * @return this
   * @throws IllegalArgumentException when less than 1
   */
  public SendOptions setMaxPendingRequests(int maxPendingRequests) {
    this.maxPendingRequests = atLeastOne("maxPendingRequests", maxPendingRequests);
    return this;
  }

  private static int atLeastOne(String field, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(field + " must be at least 1, got " + value);
    }
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SendOptions other
        && toJson().equals(other.toJson())
        && correlation.equals(other.correlation);
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return "SendOptions" + toJson().encode();
  }
}
