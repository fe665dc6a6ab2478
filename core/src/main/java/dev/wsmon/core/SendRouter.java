package dev.wsmon.core;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.function.Function;

/**
 * The handler of {@code <ns>.send}: finds the connection named by the header {@value
 * Addresses#CONNECTION_ID_HEADER} and sends the body, a String (text) or a Buffer (binary), on it.
 * Replies {@code {"ok": true}} once the message is written, or fails with 404 (missing header or
 * unknown connection id), 400 (bad body type) or 503 (the send failed, with the reason).
 *
 * <p>A {@link ConnectionVerticle} registers one over its own connections. When several verticles
 * share one namespace (one per event loop), register one over all of them and turn {@link
 * ConnectionVerticleOptions#setConsumeSends(boolean)} off, so the address keeps a single consumer;
 * the send then hops to the event loop that owns the connection.
 */
public final class SendRouter implements Handler<Message<Object>> {

  private final Function<String, Connection> lookup;

  /**
   * A router over {@code lookup}.
   *
   * @param lookup the connection of an id, or {@code null} when there is none; called on the
   *     consumer's event loop, so it must be safe to call there
   */
  public SendRouter(Function<String, Connection> lookup) {
    this.lookup = Objects.requireNonNull(lookup, "lookup");
  }

  @Override
  public void handle(Message<Object> message) {
    String id = message.headers().get(Addresses.CONNECTION_ID_HEADER);
    Connection connection = id == null ? null : lookup.apply(id);
    if (connection == null) {
      message.fail(
          404,
          id == null
              ? "missing header " + Addresses.CONNECTION_ID_HEADER
              : "unknown connection id '" + id + "'");
      return;
    }
    Object body = message.body();
    Future<Void> sent;
    if (body instanceof String text) {
      sent = connection.sendText(text);
    } else if (body instanceof Buffer data) {
      sent = connection.sendBinary(data);
    } else {
      message.fail(
          400,
          "bad body type "
              + (body == null ? "null" : body.getClass().getSimpleName())
              + ": send a String (text) or a Buffer (binary)");
      return;
    }
    sent.onComplete(
        ar -> {
          if (ar.succeeded()) {
            message.reply(new JsonObject().put("ok", true));
          } else {
            message.fail(503, ar.cause().getMessage());
          }
        });
  }
}
