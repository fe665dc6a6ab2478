package dev.wsmon.core.protocol;

import dev.wsmon.core.impl.JsonOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * Socket.IO settings (config block {@code socketio}).
 *
 * <p>The connection joins {@link #getNamespace() namespace} with the CONNECT packet's {@link
 * #getAuth() auth} payload; a {@code connect_error} fails the attempt with the server's message.
 * Without a scenario, each message a run sends is emitted as the event {@link #getEvent() event}
 * with the text (as JSON when it parses, else as a string) as its one argument; with correlation on
 * it asks for an acknowledgement, whose arrival is the round trip.
 */
public class SocketIoOptions {

  /** Default {@code namespace}: {@value}. */
  public static final String DEFAULT_NAMESPACE = "/";

  /** Default {@code event}: {@value}, the event a run's sends are emitted as. */
  public static final String DEFAULT_EVENT = "message";

  /** The JSON property names. */
  public static final List<String> JSON_KEYS = List.of("namespace", "auth", "event");

  private String namespace;
  private JsonObject auth;
  private String event;

  /** The defaults: namespace {@code /}, no auth, event {@code message}. */
  public SocketIoOptions() {
    namespace = DEFAULT_NAMESPACE;
    event = DEFAULT_EVENT;
  }

  /** A copy of {@code other}. */
  public SocketIoOptions(SocketIoOptions other) {
    namespace = other.namespace;
    auth = other.auth == null ? null : other.auth.copy();
    event = other.event;
  }

  /**
   * Reads the JSON form.
   *
   * @throws IllegalArgumentException naming an unknown key or a bad value
   */
  public SocketIoOptions(JsonObject json) {
    this();
    JsonOptions.rejectUnknown(json, JSON_KEYS, "socketio option");
    if (json.containsKey("namespace")) {
      setNamespace(JsonOptions.string(json, "namespace"));
    }
    if (json.containsKey("auth")) {
      setAuth(JsonOptions.object(json, "auth"));
    }
    if (json.containsKey("event")) {
      setEvent(JsonOptions.string(json, "event"));
    }
  }

  /** The JSON form. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("namespace", namespace).put("event", event);
    if (auth != null) {
      json.put("auth", auth.copy());
    }
    return json;
  }

  /** The namespace joined, default {@value #DEFAULT_NAMESPACE}. */
  public String getNamespace() {
    return namespace;
  }

  /**
   * Sets the namespace.
   *
   * @param namespace starts with {@code /}, e.g. {@code /admin}
   * @return this
   */
  public SocketIoOptions setNamespace(String namespace) {
    if (namespace == null || !namespace.startsWith("/") || namespace.contains(",")) {
      throw new IllegalArgumentException(
          "socketio namespace must start with / and hold no comma, got '" + namespace + "'");
    }
    this.namespace = namespace;
    return this;
  }

  /** The CONNECT packet's auth payload, or {@code null} for none. */
  public JsonObject getAuth() {
    return auth;
  }

  /**
   * Sets the auth payload sent with the namespace CONNECT packet.
   *
   * @param auth a JSON object, or {@code null} for none
   * @return this
   */
  public SocketIoOptions setAuth(JsonObject auth) {
    this.auth = auth == null ? null : auth.copy();
    return this;
  }

  /** The event name a run's sends are emitted as, default {@value #DEFAULT_EVENT}. */
  public String getEvent() {
    return event;
  }

  /**
   * Sets the event name a run's sends are emitted as.
   *
   * @param event a non-empty name
   * @return this
   */
  public SocketIoOptions setEvent(String event) {
    if (event == null || event.isEmpty()) {
      throw new IllegalArgumentException("socketio event must not be empty, got '" + event + "'");
    }
    this.event = event;
    return this;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SocketIoOptions other
        && namespace.equals(other.namespace)
        && Objects.equals(auth, other.auth)
        && event.equals(other.event);
  }

  @Override
  public int hashCode() {
    return Objects.hash(namespace, auth, event);
  }
}
