package dev.wsmon.core.protocol;

import dev.wsmon.core.Durations;
import dev.wsmon.core.impl.JsonOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * GraphQL over WebSocket settings (config block {@code graphqlWs}), protocol {@code
 * graphql-transport-ws}.
 *
 * <p>{@code connection_init} carries {@link #getPayload() payload}. After {@code connection_ack}, a
 * {@link #getSubscription() subscription} (when set) is subscribed once per connection, its {@code
 * next} messages counted under its channel. Without a scenario, each message a run sends is a
 * GraphQL operation (the text is the query) whose first {@code next} (or {@code error}) is the
 * round trip. wsmon pings every {@link #getPingInterval() pingInterval}; a missing pong is a ping
 * timeout.
 */
public class GraphqlWsOptions {

  /** Default {@code pingInterval}: 10 s (zero = no protocol pings). */
  public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(10);

  /** The JSON property names. */
  public static final List<String> JSON_KEYS =
      List.of("payload", "subscription", "variables", "pingInterval");

  private JsonObject payload;
  private String subscription;
  private JsonObject variables;
  private Duration pingInterval;

  /** The defaults: no payload, no subscription, pings every 10 s. */
  public GraphqlWsOptions() {
    pingInterval = DEFAULT_PING_INTERVAL;
  }

  /** A copy of {@code other}. */
  public GraphqlWsOptions(GraphqlWsOptions other) {
    payload = other.payload == null ? null : other.payload.copy();
    subscription = other.subscription;
    variables = other.variables == null ? null : other.variables.copy();
    pingInterval = other.pingInterval;
  }

  /**
   * Reads the JSON form.
   *
   * @throws IllegalArgumentException naming an unknown key or a bad value
   */
  public GraphqlWsOptions(JsonObject json) {
    this();
    JsonOptions.rejectUnknown(json, JSON_KEYS, "graphqlWs option");
    if (json.containsKey("payload")) {
      setPayload(JsonOptions.object(json, "payload"));
    }
    if (json.containsKey("subscription")) {
      setSubscription(JsonOptions.string(json, "subscription"));
    }
    if (json.containsKey("variables")) {
      setVariables(JsonOptions.object(json, "variables"));
    }
    if (json.containsKey("pingInterval")) {
      setPingInterval(JsonOptions.duration(json, "pingInterval"));
    }
  }

  /** The JSON form. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    if (payload != null) {
      json.put("payload", payload.copy());
    }
    if (subscription != null) {
      json.put("subscription", subscription);
    }
    if (variables != null) {
      json.put("variables", variables.copy());
    }
    return json.put("pingInterval", Durations.format(pingInterval));
  }

  /** The {@code connection_init} payload, or {@code null} for none. */
  public JsonObject getPayload() {
    return payload;
  }

  /** Sets the {@code connection_init} payload ({@code null} for none). */
  public GraphqlWsOptions setPayload(JsonObject payload) {
    this.payload = payload == null ? null : payload.copy();
    return this;
  }

  /** The subscription query subscribed once per connection, or {@code null}. */
  public String getSubscription() {
    return subscription;
  }

  /**
   * Sets the subscription subscribed once per connection after {@code connection_ack}.
   *
   * @param query a GraphQL document, e.g. {@code subscription { ticks }}, or {@code null}
   * @return this
   */
  public GraphqlWsOptions setSubscription(String query) {
    if (query != null && query.isBlank()) {
      throw new IllegalArgumentException("graphqlWs subscription must not be blank");
    }
    this.subscription = query;
    return this;
  }

  /** The variables of the subscription, or {@code null}. */
  public JsonObject getVariables() {
    return variables;
  }

  /** Sets the variables of the subscription ({@code null} for none). */
  public GraphqlWsOptions setVariables(JsonObject variables) {
    this.variables = variables == null ? null : variables.copy();
    return this;
  }

  /** How often wsmon sends a protocol ping, default 10 s; zero = never. */
  public Duration getPingInterval() {
    return pingInterval;
  }

  /**
   * Sets how often wsmon sends a {@code ping} message; its {@code pong} must come within the
   * connection's {@code pongTimeout}.
   *
   * @param every zero (no pings) or positive
   * @return this
   */
  public GraphqlWsOptions setPingInterval(Duration every) {
    if (every == null || every.isNegative()) {
      throw new IllegalArgumentException("graphqlWs pingInterval must be 0 or more, got " + every);
    }
    this.pingInterval = every;
    return this;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GraphqlWsOptions other && toJson().equals(other.toJson());
  }

  @Override
  public int hashCode() {
    return Objects.hash(payload, subscription, variables, pingInterval);
  }
}
