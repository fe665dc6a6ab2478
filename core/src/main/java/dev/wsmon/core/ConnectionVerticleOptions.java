package dev.wsmon.core;

import dev.wsmon.core.impl.JsonOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Options of one {@link ConnectionVerticle}: the event-bus namespace, the traffic flush interval,
 * the connection id prefix, the first connection number, whether it takes sends, its share of a
 * ramp-up shared with other verticles, whether it warms up the client path first, and the
 * endpoints. JSON keys: {@code namespace}, {@code flushInterval}, {@code idPrefix}, {@code
 * firstNumber}, {@code consumeSends}, {@code rampOffset}, {@code rampTotal}, {@code rampOrigin},
 * {@code warmUp}, {@code deferStart}, {@code endpoints} (a list of {@link ConnectionOptions}
 * objects).
 */
public class ConnectionVerticleOptions {

  /** Default {@code namespace}: {@value}. */
  public static final String DEFAULT_NAMESPACE = Addresses.DEFAULT_NAMESPACE;

  /** Default {@code flushInterval}: 1 second. */
  public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);

  /** Default {@code idPrefix}: empty, so ids are {@code c-1}, {@code c-2}, ... */
  public static final String DEFAULT_ID_PREFIX = "";

  /** Default {@code firstNumber}: {@value}, so the first connection is {@code c-1}. */
  public static final int DEFAULT_FIRST_NUMBER = 1;

  /** Default {@code consumeSends}: {@value}. */
  public static final boolean DEFAULT_CONSUME_SENDS = true;

  /** Default {@code rampOffset}: {@value}. */
  public static final int DEFAULT_RAMP_OFFSET = 0;

  /** Default {@code rampTotal}: {@value}, each endpoint ramps its own connections. */
  public static final int DEFAULT_RAMP_TOTAL = 0;

  /** Default {@code rampOrigin}: {@value}, the verticle's own start. */
  public static final long DEFAULT_RAMP_ORIGIN = 0;

  /** Default {@code warmUp}: {@value}. */
  public static final boolean DEFAULT_WARM_UP = true;

  /** Default {@code deferStart}: {@value}, the ramp starts when the verticle starts. */
  public static final boolean DEFAULT_DEFER_START = false;

  /** The JSON property names. */
  public static final List<String> JSON_KEYS =
      List.of(
          "namespace",
          "flushInterval",
          "idPrefix",
          "firstNumber",
          "consumeSends",
          "rampOffset",
          "rampTotal",
          "rampOrigin",
          "warmUp",
          "deferStart",
          "endpoints");

  private static final Pattern ID_PREFIX = Pattern.compile("[A-Za-z0-9_\\-.:]*");

  private String namespace;
  private Duration flushInterval;
  private String idPrefix;
  private int firstNumber;
  private boolean consumeSends;
  private int rampOffset;
  private int rampTotal;
  private long rampOrigin;
  private boolean warmUp;
  private boolean deferStart;
  private List<ConnectionOptions> endpoints;

  /** Options with the defaults and no endpoints. */
  public ConnectionVerticleOptions() {
    namespace = DEFAULT_NAMESPACE;
    flushInterval = DEFAULT_FLUSH_INTERVAL;
    idPrefix = DEFAULT_ID_PREFIX;
    firstNumber = DEFAULT_FIRST_NUMBER;
    consumeSends = DEFAULT_CONSUME_SENDS;
    rampOffset = DEFAULT_RAMP_OFFSET;
    rampTotal = DEFAULT_RAMP_TOTAL;
    rampOrigin = DEFAULT_RAMP_ORIGIN;
    warmUp = DEFAULT_WARM_UP;
    deferStart = DEFAULT_DEFER_START;
    endpoints = new ArrayList<>();
  }

  /**
   * A copy of {@code other} (endpoints copied too).
   *
   * @param other the options to copy
   */
  public ConnectionVerticleOptions(ConnectionVerticleOptions other) {
    namespace = other.namespace;
    flushInterval = other.flushInterval;
    idPrefix = other.idPrefix;
    firstNumber = other.firstNumber;
    consumeSends = other.consumeSends;
    rampOffset = other.rampOffset;
    rampTotal = other.rampTotal;
    rampOrigin = other.rampOrigin;
    warmUp = other.warmUp;
    deferStart = other.deferStart;
    endpoints = new ArrayList<>();
    other.endpoints.forEach(e -> endpoints.add(new ConnectionOptions(e)));
  }

  /**
   * Options read from JSON; missing keys keep their defaults.
   *
   * @param json the JSON form
   * @throws IllegalArgumentException naming the key for an unknown key or a bad value
   */
  public ConnectionVerticleOptions(JsonObject json) {
    this();
    JsonOptions.rejectUnknown(json, JSON_KEYS, "connection verticle option");
    if (json.containsKey("namespace")) {
      setNamespace(JsonOptions.string(json, "namespace"));
    }
    if (json.containsKey("flushInterval")) {
      setFlushInterval(JsonOptions.duration(json, "flushInterval"));
    }
    if (json.containsKey("idPrefix")) {
      setIdPrefix(JsonOptions.string(json, "idPrefix"));
    }
    if (json.containsKey("firstNumber")) {
      Object value = json.getValue("firstNumber");
      if (!(value instanceof Number n) || n.doubleValue() != n.intValue()) {
        throw new IllegalArgumentException("firstNumber must be an integer, got " + value);
      }
      setFirstNumber(n.intValue());
    }
    if (json.containsKey("consumeSends")) {
      Object value = json.getValue("consumeSends");
      if (!(value instanceof Boolean b)) {
        throw new IllegalArgumentException("consumeSends must be true or false, got " + value);
      }
      setConsumeSends(b);
    }
    if (json.containsKey("rampOffset")) {
      setRampOffset(integer(json, "rampOffset"));
    }
    if (json.containsKey("rampTotal")) {
      setRampTotal(integer(json, "rampTotal"));
    }
    if (json.containsKey("rampOrigin")) {
      Object value = json.getValue("rampOrigin");
      if (!(value instanceof Number n) || n.doubleValue() != n.longValue()) {
        throw new IllegalArgumentException("rampOrigin must be an integer, got " + value);
      }
      setRampOrigin(n.longValue());
    }
    if (json.containsKey("warmUp")) {
      Object value = json.getValue("warmUp");
      if (!(value instanceof Boolean b)) {
        throw new IllegalArgumentException("warmUp must be true or false, got " + value);
      }
      setWarmUp(b);
    }
    if (json.containsKey("deferStart")) {
      Object value = json.getValue("deferStart");
      if (!(value instanceof Boolean b)) {
        throw new IllegalArgumentException("deferStart must be true or false, got " + value);
      }
      setDeferStart(b);
    }
    if (json.containsKey("endpoints")) {
      Object value = json.getValue("endpoints");
      if (!(value instanceof JsonArray array)) {
        throw new IllegalArgumentException("endpoints must be a list of objects, got " + value);
      }
      List<ConnectionOptions> list = new ArrayList<>();
      for (int i = 0; i < array.size(); i++) {
        if (!(array.getValue(i) instanceof JsonObject o)) {
          throw new IllegalArgumentException(
              "endpoints[" + i + "] must be an object, got " + array.getValue(i));
        }
        try {
          list.add(new ConnectionOptions(o));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("endpoints[" + i + "]: " + e.getMessage(), e);
        }
      }
      setEndpoints(list);
    }
  }

  private static int integer(JsonObject json, String key) {
    Object value = json.getValue(key);
    if (!(value instanceof Number n) || n.doubleValue() != n.intValue()) {
      throw new IllegalArgumentException(key + " must be an integer, got " + value);
    }
    return n.intValue();
  }

  /** The JSON form. */
  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    endpoints.forEach(e -> array.add(e.toJson()));
    return new JsonObject()
        .put("namespace", namespace)
        .put("flushInterval", Durations.format(flushInterval))
        .put("idPrefix", idPrefix)
        .put("firstNumber", firstNumber)
        .put("consumeSends", consumeSends)
        .put("rampOffset", rampOffset)
        .put("rampTotal", rampTotal)
        .put("rampOrigin", rampOrigin)
        .put("warmUp", warmUp)
        .put("deferStart", deferStart)
        .put("endpoints", array);
  }

  /** The event-bus namespace (default {@value #DEFAULT_NAMESPACE}). */
  public String getNamespace() {
    return namespace;
  }

  /**
   * Sets the event-bus namespace; events go to {@code <namespace>.events}, batches to {@code
   * <namespace>.traffic}, sends are taken from {@code <namespace>.send}.
   *
   * @param namespace letters, digits, {@code _ - . :}
   * @return this
   * @throws IllegalArgumentException naming the namespace when malformed
   */
  public ConnectionVerticleOptions setNamespace(String namespace) {
    Addresses.of(namespace);
    this.namespace = namespace;
    return this;
  }

  /** How often traffic batches are published (default 1 s). */
  public Duration getFlushInterval() {
    return flushInterval;
  }

  /**
   * Sets how often a {@link TrafficBatch} is published (one more is published at stop).
   *
   * @param flushInterval at least 1 ms
   * @return this
   * @throws IllegalArgumentException when shorter than 1 ms
   */
  public ConnectionVerticleOptions setFlushInterval(Duration flushInterval) {
    Objects.requireNonNull(flushInterval, "flushInterval");
    if (flushInterval.toMillis() < 1) {
      throw new IllegalArgumentException(
          "flushInterval must be at least 1ms, got " + flushInterval);
    }
    this.flushInterval = flushInterval;
    return this;
  }

  /** The connection id prefix (default empty). */
  public String getIdPrefix() {
    return idPrefix;
  }

  /**
   * Sets the connection id prefix: ids are {@code <prefix>c-1}, {@code <prefix>c-2}, ... Cluster
   * agents use {@code "<agent>:"}.
   *
   * @param idPrefix letters, digits, {@code _ - . :}, may be empty
   * @return this
   * @throws IllegalArgumentException naming the prefix when malformed
   */
  public ConnectionVerticleOptions setIdPrefix(String idPrefix) {
    if (idPrefix == null || !ID_PREFIX.matcher(idPrefix).matches()) {
      throw new IllegalArgumentException(
          "idPrefix must be letters, digits, '_', '-', '.' or ':', got '" + idPrefix + "'");
    }
    this.idPrefix = idPrefix;
    return this;
  }

  /** The number of the first connection (default {@value #DEFAULT_FIRST_NUMBER}). */
  public int getFirstNumber() {
    return firstNumber;
  }

  /**
   * Sets the number of the first connection: ids are {@code <prefix>c-<firstNumber>}, {@code
   * <prefix>c-<firstNumber + 1>}, ... and {@code {conn}} renders these numbers. Several verticles
   * that share one namespace (one per event loop, as {@code wsmon run} deploys them) take
   * consecutive ranges so that ids stay unique.
   *
   * @param firstNumber at least 1
   * @return this
   * @throws IllegalArgumentException when below 1
   */
  public ConnectionVerticleOptions setFirstNumber(int firstNumber) {
    if (firstNumber < 1) {
      throw new IllegalArgumentException("firstNumber must be at least 1, got " + firstNumber);
    }
    this.firstNumber = firstNumber;
    return this;
  }

  /** Whether the verticle takes sends from {@code <namespace>.send} (default true). */
  public boolean isConsumeSends() {
    return consumeSends;
  }

  /**
   * Sets whether the verticle registers the consumer of {@code <namespace>.send}. When several
   * verticles share one namespace, turn it off on all of them and register one {@link SendRouter}
   * over all their connections instead: the address keeps exactly one consumer, and a send for any
   * connection id reaches its connection.
   *
   * @param consumeSends false to leave {@code <namespace>.send} to someone else
   * @return this
   */
  public ConnectionVerticleOptions setConsumeSends(boolean consumeSends) {
    this.consumeSends = consumeSends;
    return this;
  }

  /** This verticle's place in a shared ramp-up (default {@value #DEFAULT_RAMP_OFFSET}). */
  public int getRampOffset() {
    return rampOffset;
  }

  /**
   * Sets this verticle's place in a ramp-up shared with other verticles (or cluster agents): its
   * connections are numbers {@code rampOffset}, {@code rampOffset + 1}, ... (0-based, over its
   * endpoints in order) of a ramp over {@link #setRampTotal(int) rampTotal} connections. Used only
   * when {@code rampTotal} is positive.
   *
   * @param rampOffset at least 0
   * @return this
   * @throws IllegalArgumentException when negative
   */
  public ConnectionVerticleOptions setRampOffset(int rampOffset) {
    if (rampOffset < 0) {
      throw new IllegalArgumentException("rampOffset must be at least 0, got " + rampOffset);
    }
    this.rampOffset = rampOffset;
    return this;
  }

  /** The number of connections of a shared ramp-up; 0 (the default) when not shared. */
  public int getRampTotal() {
    return rampTotal;
  }

  /**
   * Sets the number of connections a ramp-up is spread over, across every verticle (and agent) that
   * shares it: connection {@code k} (0-based, this verticle's {@code j}-th being {@code k =
   * rampOffset + j}) starts at {@code k * rampUp / rampTotal} after the verticle started, {@code
   * rampUp} being its endpoint's {@link ConnectionOptions#getRampUp()}. With 0 (the default), each
   * endpoint spreads its own connections over its ramp-up. {@code wsmon run} deploys one verticle
   * per event loop and sets both, so starts spread over all loops together.
   *
   * @param rampTotal 0, or at least {@code rampOffset} plus this verticle's connections
   * @return this
   * @throws IllegalArgumentException when negative
   */
  public ConnectionVerticleOptions setRampTotal(int rampTotal) {
    if (rampTotal < 0) {
      throw new IllegalArgumentException("rampTotal must be at least 0, got " + rampTotal);
    }
    this.rampTotal = rampTotal;
    return this;
  }

  /** The time origin of the ramp-up, in epoch milliseconds; 0 (the default) for the start. */
  public long getRampOrigin() {
    return rampOrigin;
  }

  /**
   * Sets the time origin of the ramp-up, in epoch milliseconds ({@link
   * System#currentTimeMillis()}): ramp offsets count from it instead of from the verticle's start,
   * so several verticles (or agents) that share a ramp-up keep one clock whatever the order their
   * starts run in. Offsets already past when the verticle starts start at once.
   *
   * @param rampOrigin 0 for the verticle's start, or an epoch millisecond
   * @return this
   * @throws IllegalArgumentException when negative
   */
  public ConnectionVerticleOptions setRampOrigin(long rampOrigin) {
    if (rampOrigin < 0) {
      throw new IllegalArgumentException("rampOrigin must be at least 0, got " + rampOrigin);
    }
    this.rampOrigin = rampOrigin;
    return this;
  }

  /** Whether the client path is warmed up before the first attempt (default true). */
  public boolean isWarmUp() {
    return warmUp;
  }

  /**
   * Sets whether the verticle warms up the client path (class loading, JIT, Netty and TLS
   * initialisation) before its first attempt: once per JVM, {@code ws://} handshakes and echoes
   * against an in-process server on a free loopback port ({@code wss://} too when an endpoint is
   * {@code wss://}), then a bounded wait for the JIT, counted nowhere and published nowhere (see
   * {@link ClientWarmUp}); then, per verticle, one handshake through each of its own {@code wss://}
   * clients against such a server, so that each has loaded its trust store and built its SSL
   * context. Without it the first attempts of a JVM take hundreds of milliseconds on loopback where
   * later ones take a few.
   *
   * @param warmUp false to start the first attempt at once, cold
   * @return this
   */
  public ConnectionVerticleOptions setWarmUp(boolean warmUp) {
    this.warmUp = warmUp;
    return this;
  }

  /** Whether the ramp waits for {@link ConnectionVerticle#startRamp(long)} (default false). */
  public boolean isDeferStart() {
    return deferStart;
  }

  /**
   * Sets whether the verticle, once deployed, holds its connections until {@link
   * ConnectionVerticle#startRamp(long)} is called, instead of starting the ramp-up as it starts.
   * Deploying several verticles and then starting them together keeps deployment work (class
   * loading, clients, senders) on the event loops out of the first handshakes, and gives every
   * verticle one ramp origin. {@link #getRampOrigin()} is then ignored: the origin comes with the
   * call.
   *
   * @param deferStart true to start the ramp on {@link ConnectionVerticle#startRamp(long)}
   * @return this
   */
  public ConnectionVerticleOptions setDeferStart(boolean deferStart) {
    this.deferStart = deferStart;
    return this;
  }

  /** The endpoints (live list). */
  public List<ConnectionOptions> getEndpoints() {
    return endpoints;
  }

  /**
   * Sets the endpoints.
   *
   * @param endpoints the endpoints, each with a URI
   * @return this
   * @throws IllegalArgumentException naming the index of an endpoint without a URI
   */
  public ConnectionVerticleOptions setEndpoints(List<ConnectionOptions> endpoints) {
    List<ConnectionOptions> copy = new ArrayList<>();
    for (ConnectionOptions e : Objects.requireNonNull(endpoints, "endpoints")) {
      copy.add(checked(e, copy.size()));
    }
    this.endpoints = copy;
    return this;
  }

  /**
   * Adds an endpoint.
   *
   * @param endpoint the endpoint, with a URI
   * @return this
   * @throws IllegalArgumentException when the endpoint has no URI
   */
  public ConnectionVerticleOptions addEndpoint(ConnectionOptions endpoint) {
    endpoints.add(checked(endpoint, endpoints.size()));
    return this;
  }

  private static ConnectionOptions checked(ConnectionOptions endpoint, int index) {
    Objects.requireNonNull(endpoint, "endpoint");
    if (endpoint.getUri() == null) {
      throw new IllegalArgumentException("endpoints[" + index + "].uri must be set");
    }
    return endpoint;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConnectionVerticleOptions other && toJson().equals(other.toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }
}
