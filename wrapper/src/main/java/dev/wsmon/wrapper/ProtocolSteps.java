package dev.wsmon.wrapper;

import dev.wsmon.core.Durations;
import dev.wsmon.core.protocol.Protocol;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The scenario steps of the protocol layers (see {@code docs/protocols.md}): Socket.IO {@code
 * emit}, STOMP {@code subscribe} and {@code send} to a destination, graphql-ws {@code subscribe}.
 * Each belongs to one {@link Protocol}; a scenario using one on a connection of another protocol is
 * an error at start. Received messages are matched per channel by {@code expect} with {@code
 * event}, {@code destination} or {@code subscription}.
 */
public final class ProtocolSteps {

  /**
   * Default reply timeout of an {@code emit} with {@code ack} and a {@code send} with a receipt.
   */
  public static final Duration DEFAULT_REPLY_TIMEOUT = Duration.ofSeconds(5);

  private ProtocolSteps() {}

  /** A step that belongs to one protocol. */
  public interface ProtocolStep {
    /** The protocol the step needs. */
    Protocol protocol();
  }

  static Duration replyTimeout(Object value, String where) {
    Duration d = Durations.fromConfig(where, value);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(where + " must be positive, got " + value);
    }
    return d;
  }

  private static Duration positiveTimeout(Duration timeout) {
    if (timeout == null || timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    return timeout;
  }

  static boolean bool(JsonObject json, String key, String where) {
    Object v = json.getValue(key, false);
    if (!(v instanceof Boolean b)) {
      throw new IllegalArgumentException(where + "." + key + " must be true or false, got " + v);
    }
    return b;
  }

  static String text(JsonObject json, String key, String where) {
    Object v = json.getValue(key);
    if (!(v instanceof String s) || s.isEmpty()) {
      throw new IllegalArgumentException(where + "." + key + " must be a non-empty text, got " + v);
    }
    return s;
  }

  /**
   * Socket.IO: emits {@code event} with {@code data} (JSON, templates allowed in its strings); with
   * {@code ack: true} the ack time is the step latency and the ack counts as a request's reply.
   */
  public static final class Emit extends ScenarioStep implements ProtocolStep {
    private static final List<String> KEYS = List.of("event", "data", "ack", "timeout");
    private final String event;
    private Object data;
    private boolean ack;
    private Duration timeout = DEFAULT_REPLY_TIMEOUT;

    /** Emits {@code event} without data and without ack. */
    public Emit(String event) {
      if (event == null || event.isEmpty()) {
        throw new IllegalArgumentException("emit event must not be empty");
      }
      this.event = event;
    }

    static Emit parse(Object value, String where) {
      JsonObject json = object(value, where, KEYS);
      Emit e = new Emit(text(json, "event", where));
      e.setData(json.getValue("data"));
      e.ack = bool(json, "ack", where);
      if (json.containsKey("timeout")) {
        e.timeout = replyTimeout(json.getValue("timeout"), where + ".timeout");
      }
      return e;
    }

    /** The event name. */
    public String getEvent() {
      return event;
    }

    /** The data: a JSON value (object, array, string, number, boolean), or null. */
    public Object getData() {
      return data instanceof JsonObject o
          ? o.copy()
          : data instanceof JsonArray a ? a.copy() : data;
    }

    /** Sets the data (a JSON value; strings may hold templates). */
    public Emit setData(Object data) {
      this.data =
          data instanceof JsonObject o ? o.copy() : data instanceof JsonArray a ? a.copy() : data;
      return this;
    }

    /** The data as its wire text (JSON), or null. */
    public String getDataText() {
      return data == null ? null : Json.encode(data);
    }

    /** Whether an ack is asked for (its time is the step latency). */
    public boolean isAck() {
      return ack;
    }

    /** Asks for an ack. */
    public Emit setAck(boolean ack) {
      this.ack = ack;
      return this;
    }

    /** How long the ack is waited for; default {@link #DEFAULT_REPLY_TIMEOUT}. */
    public Duration getTimeout() {
      return timeout;
    }

    /** Sets how long the ack is waited for; positive. */
    public Emit setTimeout(Duration timeout) {
      this.timeout = positiveTimeout(timeout);
      return this;
    }

    @Override
    public Protocol protocol() {
      return Protocol.SOCKETIO;
    }

    @Override
    public String kind() {
      return "emit";
    }

    @Override
    protected Object valueJson() {
      JsonObject out = new JsonObject().put("event", event);
      if (data != null) {
        out.put("data", getData());
      }
      return out.put("ack", ack).put("timeout", Durations.format(timeout));
    }

    @Override
    public Emit setName(String name) {
      super.setName(name);
      return this;
    }
  }

  /**
   * STOMP {@code SUBSCRIBE} to {@code destination} (with {@code id}), or graphql-ws {@code
   * subscribe} to {@code query} (with {@code variables}), whose results arrive on the channel named
   * by the step's name.
   */
  public static final class Subscribe extends ScenarioStep implements ProtocolStep {
    private static final List<String> KEYS = List.of("destination", "id", "query", "variables");
    private final String destination;
    private final String id;
    private final String query;
    private final JsonObject variables;

    private Subscribe(String destination, String id, String query, JsonObject variables) {
      this.destination = destination;
      this.id = id;
      this.query = query;
      this.variables = variables == null ? null : variables.copy();
    }

    /** A STOMP subscription to {@code destination}; {@code id} may be null (one is made up). */
    public static Subscribe stomp(String destination, String id) {
      if (destination == null || destination.isEmpty()) {
        throw new IllegalArgumentException("subscribe destination must not be empty");
      }
      return new Subscribe(destination, id, null, null);
    }

    /** A graphql-ws subscription; name the step, its name is the subscription's channel. */
    public static Subscribe graphql(String query, JsonObject variables) {
      if (query == null || query.isEmpty()) {
        throw new IllegalArgumentException("subscribe query must not be empty");
      }
      return new Subscribe(null, null, query, variables);
    }

    static Subscribe parse(Object value, String where) {
      JsonObject json = object(value, where, KEYS);
      boolean stomp = json.containsKey("destination") || json.containsKey("id");
      boolean graphql = json.containsKey("query") || json.containsKey("variables");
      if (stomp == graphql) {
        throw new IllegalArgumentException(
            where
                + " needs 'destination' (STOMP, with an optional 'id') or 'query' (graphql-ws, with"
                + " optional 'variables'), not both");
      }
      if (stomp) {
        Object id = json.getValue("id");
        return stomp(text(json, "destination", where), id == null ? null : String.valueOf(id));
      }
      Object variables = json.getValue("variables");
      if (variables != null && !(variables instanceof JsonObject)) {
        throw new IllegalArgumentException(
            where + ".variables must be an object, got " + variables);
      }
      return graphql(text(json, "query", where), (JsonObject) variables);
    }

    /** The STOMP destination, or null for a graphql-ws subscription. */
    public String getDestination() {
      return destination;
    }

    /** The STOMP subscription id, or null. */
    public String getId() {
      return id;
    }

    /** The GraphQL document, or null for a STOMP subscription. */
    public String getQuery() {
      return query;
    }

    /** The GraphQL variables (a copy), or null. */
    public JsonObject getVariables() {
      return variables == null ? null : variables.copy();
    }

    @Override
    public Protocol protocol() {
      return destination != null ? Protocol.STOMP : Protocol.GRAPHQL_WS;
    }

    @Override
    public String kind() {
      return "subscribe";
    }

    @Override
    protected Object valueJson() {
      JsonObject out = new JsonObject();
      if (destination != null) {
        out.put("destination", destination);
        if (id != null) {
          out.put("id", id);
        }
      } else {
        out.put("query", query);
        if (variables != null) {
          out.put("variables", variables.copy());
        }
      }
      return out;
    }

    @Override
    public Subscribe setName(String name) {
      super.setName(name);
      return this;
    }
  }

  /**
   * STOMP {@code SEND} of {@code body} (a template) to {@code destination}; with {@code receipt:
   * true} the receipt time is the step latency and the receipt counts as a request's reply. Its
   * kind key is {@code send}, told from a plain send by its {@code destination}.
   */
  public static final class Publish extends ScenarioStep implements ProtocolStep {
    private static final List<String> KEYS = List.of("destination", "body", "receipt", "timeout");
    private final String destination;
    private final String body;
    private boolean receipt;
    private Duration timeout = DEFAULT_REPLY_TIMEOUT;

    /** Sends {@code body} (a template) to {@code destination}. */
    public Publish(String destination, String body) {
      if (destination == null || destination.isEmpty()) {
        throw new IllegalArgumentException("send destination must not be empty");
      }
      this.destination = destination;
      this.body = Objects.requireNonNull(body, "body");
    }

    static Publish parse(Object value, String where) {
      JsonObject json = object(value, where, KEYS);
      Object body = json.getValue("body", "");
      Publish p =
          new Publish(
              text(json, "destination", where), body instanceof String s ? s : Json.encode(body));
      p.receipt = bool(json, "receipt", where);
      if (json.containsKey("timeout")) {
        p.timeout = replyTimeout(json.getValue("timeout"), where + ".timeout");
      }
      return p;
    }

    /** The destination. */
    public String getDestination() {
      return destination;
    }

    /** The body template. */
    public String getBody() {
      return body;
    }

    /** Whether a receipt is asked for (its time is the step latency). */
    public boolean isReceipt() {
      return receipt;
    }

    /** Asks for a receipt. */
    public Publish setReceipt(boolean receipt) {
      this.receipt = receipt;
      return this;
    }

    /** How long the receipt is waited for; default {@link #DEFAULT_REPLY_TIMEOUT}. */
    public Duration getTimeout() {
      return timeout;
    }

    /** Sets how long the receipt is waited for; positive. */
    public Publish setTimeout(Duration timeout) {
      this.timeout = positiveTimeout(timeout);
      return this;
    }

    @Override
    public Protocol protocol() {
      return Protocol.STOMP;
    }

    @Override
    public String kind() {
      return "send";
    }

    @Override
    protected Object valueJson() {
      return new JsonObject()
          .put("destination", destination)
          .put("body", body)
          .put("receipt", receipt)
          .put("timeout", Durations.format(timeout));
    }

    @Override
    public Publish setName(String name) {
      super.setName(name);
      return this;
    }
  }
}
