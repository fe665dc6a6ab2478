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
 * the connection id prefix, the first connection number, whether it takes sends and the endpoints.
 * JSON keys: {@code namespace}, {@code flushInterval}, {@code idPrefix}, {@code firstNumber},
 * {@code consumeSends}, {@code endpoints} (a list of {@link ConnectionOptions} objects).
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

  /** The JSON property names. */
  public static final List<String> JSON_KEYS =
      List.of("namespace", "flushInterval", "idPrefix", "firstNumber", "consumeSends", "endpoints");

  private static final Pattern ID_PREFIX = Pattern.compile("[A-Za-z0-9_\\-.:]*");

  private String namespace;
  private Duration flushInterval;
  private String idPrefix;
  private int firstNumber;
  private boolean consumeSends;
  private List<ConnectionOptions> endpoints;

  /** Options with the defaults and no endpoints. */
  public ConnectionVerticleOptions() {
    namespace = DEFAULT_NAMESPACE;
    flushInterval = DEFAULT_FLUSH_INTERVAL;
    idPrefix = DEFAULT_ID_PREFIX;
    firstNumber = DEFAULT_FIRST_NUMBER;
    consumeSends = DEFAULT_CONSUME_SENDS;
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
