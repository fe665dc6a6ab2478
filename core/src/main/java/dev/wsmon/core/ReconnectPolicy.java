package dev.wsmon.core;

import dev.wsmon.core.impl.JsonOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * When and how a connection is attempted again after a failed attempt or a lost connection.
 *
 * <p>A connection makes at most 1 + {@link #getMaxReconnectAttempts()} attempts in a row. Retry
 * {@code k} (1, 2, ...) waits {@code reconnectDelay × backoffMultiplier^(k-1)}, capped at {@code
 * maxReconnectDelay}, spread by ±{@code jitter} and capped again. The retry count resets only when
 * a connection stayed up for {@code stableAfter}, so a server that accepts and closes at once still
 * ends in {@link ConnectionState#GAVE_UP}. Upgrade rejections with a status in {@code
 * nonRetriedStatuses} (401, 403) and closes with a code in {@code nonRetriedCloseCodes} (1008) give
 * up at once; rejections with a status in {@code retryAfterStatuses} (429, 503) wait at least the
 * server's {@code Retry-After} when {@code honourRetryAfter} is set. Every other close code (1012
 * and 1013 included) is retried. With {@code retryRefusals} (the monitor's default) those refusals
 * are retried too, at {@code maxReconnectDelay}, so a credential fixed on the server is picked up
 * without a restart.
 *
 * <p>JSON property names (config keys) are the camelCase field names; durations are strings such as
 * {@code "5s"} or integers in milliseconds.
 */
public class ReconnectPolicy {

  /** Default {@code autoReconnect}: {@value}. */
  public static final boolean DEFAULT_AUTO_RECONNECT = true;

  /** Default {@code maxReconnectAttempts}: {@value} retries; -1 means unlimited. */
  public static final int DEFAULT_MAX_RECONNECT_ATTEMPTS = 5;

  /** Default {@code reconnectDelay}: 5 seconds. */
  public static final Duration DEFAULT_RECONNECT_DELAY = Duration.ofSeconds(5);

  /** Default {@code backoffMultiplier}: {@value}. */
  public static final double DEFAULT_BACKOFF_MULTIPLIER = 2.0;

  /** Default {@code maxReconnectDelay}: 60 seconds. */
  public static final Duration DEFAULT_MAX_RECONNECT_DELAY = Duration.ofSeconds(60);

  /** Default {@code jitter}: {@value} (±20 %). */
  public static final double DEFAULT_JITTER = 0.2;

  /** Default {@code stableAfter}: 10 seconds. */
  public static final Duration DEFAULT_STABLE_AFTER = Duration.ofSeconds(10);

  /** Default {@code nonRetriedStatuses}: 401 and 403. */
  public static final Set<Integer> DEFAULT_NON_RETRIED_STATUSES = Set.of(401, 403);

  /** Default {@code nonRetriedCloseCodes}: 1008 (policy violation). */
  public static final Set<Integer> DEFAULT_NON_RETRIED_CLOSE_CODES = Set.of(1008);

  /** Default {@code retryAfterStatuses}: 429 and 503. */
  public static final Set<Integer> DEFAULT_RETRY_AFTER_STATUSES = Set.of(429, 503);

  /** Default {@code honourRetryAfter}: {@value}. */
  public static final boolean DEFAULT_HONOUR_RETRY_AFTER = true;

  /** Default {@code retryRefusals}: {@value} (refusals give up at once). */
  public static final boolean DEFAULT_RETRY_REFUSALS = false;

  /** The JSON property names, which are also the config keys. */
  public static final List<String> JSON_KEYS =
      List.of(
          "autoReconnect",
          "maxReconnectAttempts",
          "reconnectDelay",
          "backoffMultiplier",
          "maxReconnectDelay",
          "jitter",
          "stableAfter",
          "nonRetriedStatuses",
          "nonRetriedCloseCodes",
          "retryAfterStatuses",
          "honourRetryAfter",
          "retryRefusals");

  private boolean autoReconnect;
  private int maxReconnectAttempts;
  private Duration reconnectDelay;
  private double backoffMultiplier;
  private Duration maxReconnectDelay;
  private double jitter;
  private Duration stableAfter;
  private Set<Integer> nonRetriedStatuses;
  private Set<Integer> nonRetriedCloseCodes;
  private Set<Integer> retryAfterStatuses;
  private boolean honourRetryAfter;
  private boolean retryRefusals;

  /** A policy with the defaults. */
  public ReconnectPolicy() {
    autoReconnect = DEFAULT_AUTO_RECONNECT;
    maxReconnectAttempts = DEFAULT_MAX_RECONNECT_ATTEMPTS;
    reconnectDelay = DEFAULT_RECONNECT_DELAY;
    backoffMultiplier = DEFAULT_BACKOFF_MULTIPLIER;
    maxReconnectDelay = DEFAULT_MAX_RECONNECT_DELAY;
    jitter = DEFAULT_JITTER;
    stableAfter = DEFAULT_STABLE_AFTER;
    nonRetriedStatuses = new LinkedHashSet<>(List.of(401, 403));
    nonRetriedCloseCodes = new LinkedHashSet<>(List.of(1008));
    retryAfterStatuses = new LinkedHashSet<>(List.of(429, 503));
    honourRetryAfter = DEFAULT_HONOUR_RETRY_AFTER;
    retryRefusals = DEFAULT_RETRY_REFUSALS;
  }

  /**
   * A copy of {@code other}.
   *
   * @param other the policy to copy
   */
  public ReconnectPolicy(ReconnectPolicy other) {
    autoReconnect = other.autoReconnect;
    maxReconnectAttempts = other.maxReconnectAttempts;
    reconnectDelay = other.reconnectDelay;
    backoffMultiplier = other.backoffMultiplier;
    maxReconnectDelay = other.maxReconnectDelay;
    jitter = other.jitter;
    stableAfter = other.stableAfter;
    nonRetriedStatuses = new LinkedHashSet<>(other.nonRetriedStatuses);
    nonRetriedCloseCodes = new LinkedHashSet<>(other.nonRetriedCloseCodes);
    retryAfterStatuses = new LinkedHashSet<>(other.retryAfterStatuses);
    honourRetryAfter = other.honourRetryAfter;
    retryRefusals = other.retryRefusals;
  }

  /**
   * A policy read from JSON; missing keys keep their defaults.
   *
   * @param json the JSON form, keys as in {@link #JSON_KEYS}
   * @throws IllegalArgumentException naming the key for an unknown key or a bad value
   */
  public ReconnectPolicy(JsonObject json) {
    this();
    JsonOptions.rejectUnknown(json, JSON_KEYS, "reconnect policy");
    apply(json);
  }

  /** Applies the policy keys present in {@code json}, ignoring other keys. */
  void apply(JsonObject json) {
    if (json.containsKey("autoReconnect")) {
      setAutoReconnect(JsonOptions.bool(json, "autoReconnect"));
    }
    if (json.containsKey("maxReconnectAttempts")) {
      setMaxReconnectAttempts(JsonOptions.int32(json, "maxReconnectAttempts"));
    }
    if (json.containsKey("reconnectDelay")) {
      setReconnectDelay(JsonOptions.duration(json, "reconnectDelay"));
    }
    if (json.containsKey("backoffMultiplier")) {
      setBackoffMultiplier(JsonOptions.number(json, "backoffMultiplier"));
    }
    if (json.containsKey("maxReconnectDelay")) {
      setMaxReconnectDelay(JsonOptions.duration(json, "maxReconnectDelay"));
    }
    if (json.containsKey("jitter")) {
      setJitter(JsonOptions.number(json, "jitter"));
    }
    if (json.containsKey("stableAfter")) {
      setStableAfter(JsonOptions.duration(json, "stableAfter"));
    }
    if (json.containsKey("nonRetriedStatuses")) {
      setNonRetriedStatuses(JsonOptions.ints(json, "nonRetriedStatuses"));
    }
    if (json.containsKey("nonRetriedCloseCodes")) {
      setNonRetriedCloseCodes(JsonOptions.ints(json, "nonRetriedCloseCodes"));
    }
    if (json.containsKey("retryAfterStatuses")) {
      setRetryAfterStatuses(JsonOptions.ints(json, "retryAfterStatuses"));
    }
    if (json.containsKey("honourRetryAfter")) {
      setHonourRetryAfter(JsonOptions.bool(json, "honourRetryAfter"));
    }
    if (json.containsKey("retryRefusals")) {
      setRetryRefusals(JsonOptions.bool(json, "retryRefusals"));
    }
  }

  /** The JSON form; durations as text such as {@code "5s"}. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    writeTo(json);
    return json;
  }

  void writeTo(JsonObject json) {
    json.put("autoReconnect", autoReconnect)
        .put("maxReconnectAttempts", maxReconnectAttempts)
        .put("reconnectDelay", Durations.format(reconnectDelay))
        .put("backoffMultiplier", backoffMultiplier)
        .put("maxReconnectDelay", Durations.format(maxReconnectDelay))
        .put("jitter", jitter)
        .put("stableAfter", Durations.format(stableAfter))
        .put("nonRetriedStatuses", new JsonArray(List.copyOf(nonRetriedStatuses)))
        .put("nonRetriedCloseCodes", new JsonArray(List.copyOf(nonRetriedCloseCodes)))
        .put("retryAfterStatuses", new JsonArray(List.copyOf(retryAfterStatuses)))
        .put("honourRetryAfter", honourRetryAfter)
        .put("retryRefusals", retryRefusals);
  }

  /**
   * The delay before retry {@code retry}: {@code reconnectDelay × backoffMultiplier^(retry-1)}
   * capped at {@code maxReconnectDelay}, then multiplied by {@code 1 + jitter × (2 × random - 1)}
   * and capped again.
   *
   * @param retry the retry number, 1 for the first retry
   * @param random a uniformly distributed value in [0, 1)
   * @return the delay, never negative
   */
  public Duration delay(int retry, double random) {
    double base = reconnectDelay.toNanos() * Math.pow(backoffMultiplier, Math.max(0, retry - 1));
    double capped = Math.min(base, maxReconnectDelay.toNanos());
    double jittered = capped * (1 + jitter * (2 * random - 1));
    return Duration.ofNanos(
        Math.max(0, Math.round(Math.min(jittered, maxReconnectDelay.toNanos()))));
  }

  /**
   * The delay before retrying a refusal under {@code retryRefusals}: {@code maxReconnectDelay}
   * spread downwards by {@code jitter}.
   *
   * @param random a uniformly distributed value in [0, 1)
   * @return the delay, never negative
   */
  public Duration refusalDelay(double random) {
    double max = maxReconnectDelay.toNanos();
    return Duration.ofNanos(Math.max(0, Math.round(max * (1 - jitter * random))));
  }

  /**
   * Whether retries are left after {@code retriesSoFar} retries.
   *
   * @param retriesSoFar retries made since the last stable connection
   * @return true when another retry is allowed
   */
  public boolean hasRetriesLeft(int retriesSoFar) {
    return maxReconnectAttempts < 0 || retriesSoFar < maxReconnectAttempts;
  }

  /**
   * Whether an upgrade rejected with HTTP {@code status} is retried.
   *
   * @param status the HTTP status
   * @return false for a status in {@code nonRetriedStatuses}
   */
  public boolean isRetriedStatus(int status) {
    return !nonRetriedStatuses.contains(status);
  }

  /**
   * Whether a connection closed by the server with {@code code} is reconnected.
   *
   * @param code the WebSocket close code
   * @return false for a code in {@code nonRetriedCloseCodes}
   */
  public boolean isRetriedCloseCode(int code) {
    return !nonRetriedCloseCodes.contains(code);
  }

  /**
   * Whether the {@code Retry-After} header of a rejection with {@code status} is honoured.
   *
   * @param status the HTTP status
   * @return true when {@code honourRetryAfter} is set and the status is in {@code
   *     retryAfterStatuses}
   */
  public boolean honoursRetryAfter(int status) {
    return honourRetryAfter && retryAfterStatuses.contains(status);
  }

  /** Whether to reconnect after a lost connection or a failed attempt (default true). */
  public boolean isAutoReconnect() {
    return autoReconnect;
  }

  /**
   * Sets whether to reconnect after a lost connection or a failed attempt. When false a connection
   * makes one attempt and stays {@link ConnectionState#CLOSED} after a failure or a disconnection.
   *
   * @param autoReconnect true to reconnect
   * @return this
   */
  public ReconnectPolicy setAutoReconnect(boolean autoReconnect) {
    this.autoReconnect = autoReconnect;
    return this;
  }

  /** Retries before giving up (default 5); -1 means unlimited. */
  public int getMaxReconnectAttempts() {
    return maxReconnectAttempts;
  }

  /**
   * Sets the retries before giving up: a server that never answers sees 1 + N attempts.
   *
   * @param maxReconnectAttempts 0 or more, or -1 for unlimited
   * @return this
   * @throws IllegalArgumentException when less than -1
   */
  public ReconnectPolicy setMaxReconnectAttempts(int maxReconnectAttempts) {
    if (maxReconnectAttempts < -1) {
      throw new IllegalArgumentException(
          "maxReconnectAttempts must be -1 (unlimited) or more, got " + maxReconnectAttempts);
    }
    this.maxReconnectAttempts = maxReconnectAttempts;
    return this;
  }

  /** The first backoff delay (default 5 s). */
  public Duration getReconnectDelay() {
    return reconnectDelay;
  }

  /**
   * Sets the first backoff delay.
   *
   * @param reconnectDelay not negative
   * @return this
   * @throws IllegalArgumentException when negative
   */
  public ReconnectPolicy setReconnectDelay(Duration reconnectDelay) {
    this.reconnectDelay = nonNegative("reconnectDelay", reconnectDelay);
    return this;
  }

  /** The factor applied to the delay per retry (default 2). */
  public double getBackoffMultiplier() {
    return backoffMultiplier;
  }

  /**
   * Sets the factor applied to the delay per retry.
   *
   * @param backoffMultiplier at least 1
   * @return this
   * @throws IllegalArgumentException when below 1 or not finite
   */
  public ReconnectPolicy setBackoffMultiplier(double backoffMultiplier) {
    if (!(backoffMultiplier >= 1) || Double.isInfinite(backoffMultiplier)) {
      throw new IllegalArgumentException(
          "backoffMultiplier must be at least 1, got " + backoffMultiplier);
    }
    this.backoffMultiplier = backoffMultiplier;
    return this;
  }

  /** The longest backoff delay (default 60 s). */
  public Duration getMaxReconnectDelay() {
    return maxReconnectDelay;
  }

  /**
   * Sets the longest backoff delay, jitter included.
   *
   * @param maxReconnectDelay not negative
   * @return this
   * @throws IllegalArgumentException when negative
   */
  public ReconnectPolicy setMaxReconnectDelay(Duration maxReconnectDelay) {
    this.maxReconnectDelay = nonNegative("maxReconnectDelay", maxReconnectDelay);
    return this;
  }

  /** The relative spread of each delay (default 0.2 = ±20 %). */
  public double getJitter() {
    return jitter;
  }

  /**
   * Sets the relative spread of each delay.
   *
   * @param jitter between 0 and 1
   * @return this
   * @throws IllegalArgumentException when outside [0, 1]
   */
  public ReconnectPolicy setJitter(double jitter) {
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter must be between 0 and 1, got " + jitter);
    }
    this.jitter = jitter;
    return this;
  }

  /** The uptime after which the retry count resets (default 10 s). */
  public Duration getStableAfter() {
    return stableAfter;
  }

  /**
   * Sets the uptime after which the retry count resets.
   *
   * @param stableAfter not negative
   * @return this
   * @throws IllegalArgumentException when negative
   */
  public ReconnectPolicy setStableAfter(Duration stableAfter) {
    this.stableAfter = nonNegative("stableAfter", stableAfter);
    return this;
  }

  /** HTTP statuses of rejected upgrades that are not retried (default 401, 403). */
  public Set<Integer> getNonRetriedStatuses() {
    return Set.copyOf(nonRetriedStatuses);
  }

  /**
   * Sets the HTTP statuses of rejected upgrades that end in {@link ConnectionState#GAVE_UP} at
   * once.
   *
   * @param statuses statuses between 100 and 599
   * @return this
   * @throws IllegalArgumentException naming a status outside [100, 599]
   */
  public ReconnectPolicy setNonRetriedStatuses(Collection<Integer> statuses) {
    this.nonRetriedStatuses = checkedStatuses("nonRetriedStatuses", statuses);
    return this;
  }

  /** Close codes that are not reconnected (default 1008). */
  public Set<Integer> getNonRetriedCloseCodes() {
    return Set.copyOf(nonRetriedCloseCodes);
  }

  /**
   * Sets the close codes after which a connection ends in {@link ConnectionState#GAVE_UP} instead
   * of reconnecting.
   *
   * @param codes close codes between 1000 and 4999
   * @return this
   * @throws IllegalArgumentException naming a code outside [1000, 4999]
   */
  public ReconnectPolicy setNonRetriedCloseCodes(Collection<Integer> codes) {
    Set<Integer> copy = new LinkedHashSet<>();
    for (Integer code : Objects.requireNonNull(codes, "nonRetriedCloseCodes")) {
      if (code == null || code < 1000 || code > 4999) {
        throw new IllegalArgumentException(
            "nonRetriedCloseCodes must hold close codes between 1000 and 4999, got " + code);
      }
      copy.add(code);
    }
    this.nonRetriedCloseCodes = copy;
    return this;
  }

  /** HTTP statuses whose {@code Retry-After} header is honoured (default 429, 503). */
  public Set<Integer> getRetryAfterStatuses() {
    return Set.copyOf(retryAfterStatuses);
  }

  /**
   * Sets the HTTP statuses whose {@code Retry-After} header sets the least delay before the retry.
   *
   * @param statuses statuses between 100 and 599
   * @return this
   * @throws IllegalArgumentException naming a status outside [100, 599]
   */
  public ReconnectPolicy setRetryAfterStatuses(Collection<Integer> statuses) {
    this.retryAfterStatuses = checkedStatuses("retryAfterStatuses", statuses);
    return this;
  }

  /** Whether {@code Retry-After} is honoured (default true). */
  public boolean isHonourRetryAfter() {
    return honourRetryAfter;
  }

  /**
   * Sets whether the {@code Retry-After} header (seconds or an HTTP date) of a rejection with a
   * status in {@code retryAfterStatuses} is the least delay before the retry.
   *
   * @param honourRetryAfter true to honour it
   * @return this
   */
  public ReconnectPolicy setHonourRetryAfter(boolean honourRetryAfter) {
    this.honourRetryAfter = honourRetryAfter;
    return this;
  }

  /**
   * Whether refusals are retried at {@code maxReconnectDelay} instead of giving up (default false).
   */
  public boolean isRetryRefusals() {
    return retryRefusals;
  }

  /**
   * Sets whether upgrade rejections with a status in {@code nonRetriedStatuses} and closes with a
   * code in {@code nonRetriedCloseCodes} are retried at {@code maxReconnectDelay} (see {@link
   * #refusalDelay(double)}) instead of ending in {@link ConnectionState#GAVE_UP}. Each retry still
   * counts against {@code maxReconnectAttempts}. {@code wsmon monitor} sets it.
   *
   * @param retryRefusals true to retry refusals slowly
   * @return this
   */
  public ReconnectPolicy setRetryRefusals(boolean retryRefusals) {
    this.retryRefusals = retryRefusals;
    return this;
  }

  private static Set<Integer> checkedStatuses(String field, Collection<Integer> statuses) {
    Set<Integer> copy = new LinkedHashSet<>();
    for (Integer status : Objects.requireNonNull(statuses, field)) {
      if (status == null || status < 100 || status > 599) {
        throw new IllegalArgumentException(
            field + " must hold HTTP statuses between 100 and 599, got " + status);
      }
      copy.add(status);
    }
    return copy;
  }

  static Duration nonNegative(String field, Duration value) {
    Objects.requireNonNull(value, field);
    if (value.isNegative()) {
      throw new IllegalArgumentException(field + " must not be negative, got " + value);
    }
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReconnectPolicy other && toJson().equals(other.toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return "ReconnectPolicy" + toJson().encode();
  }
}
