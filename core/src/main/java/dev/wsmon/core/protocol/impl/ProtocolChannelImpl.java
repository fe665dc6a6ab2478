package dev.wsmon.core.protocol.impl;

import dev.wsmon.core.Connection;
import dev.wsmon.core.protocol.Protocol;
import dev.wsmon.core.protocol.ProtocolChannel;
import dev.wsmon.core.protocol.ProtocolMessage;
import dev.wsmon.core.protocol.ProtocolOperation;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A connection's {@link ProtocolChannel}: each operation is {@link ProtocolSession#prepare
 * prepared} on the event loop and sent at once through the connection's own {@code sendText} or
 * {@code request}, so it gets their accounting, backpressure and (for requests) the protocol's
 * reply ids.
 */
public final class ProtocolChannelImpl implements ProtocolChannel {

  private final Connection connection;
  private final ProtocolSession session;
  private final Protocol protocol;
  private final BooleanSupplier onLoop;
  private final Consumer<Runnable> runOnLoop;

  /**
   * @param onLoop whether the caller runs on the connection's event loop
   * @param runOnLoop runs a task on it
   */
  public ProtocolChannelImpl(
      Connection connection,
      ProtocolSession session,
      Protocol protocol,
      BooleanSupplier onLoop,
      Consumer<Runnable> runOnLoop) {
    this.connection = connection;
    this.session = session;
    this.protocol = protocol;
    this.onLoop = onLoop;
    this.runOnLoop = runOnLoop;
  }

  @Override
  public Protocol protocol() {
    return protocol;
  }

  @Override
  public Future<Void> send(ProtocolOperation operation) {
    Objects.requireNonNull(operation, "operation");
    return onLoop(() -> prepared(operation, () -> connection.sendText(textOf(operation))));
  }

  @Override
  public Future<String> request(ProtocolOperation operation, Duration timeout) {
    Objects.requireNonNull(operation, "operation");
    if (!operation.kind().hasReply()) {
      return Future.failedFuture(
          new IllegalArgumentException(operation.kind() + " has no reply to wait for"));
    }
    return onLoop(() -> prepared(operation, () -> connection.request(textOf(operation), timeout)));
  }

  @Override
  public ProtocolChannel messageHandler(Handler<ProtocolMessage> handler) {
    if (onLoop.getAsBoolean()) {
      session.messageHandler(handler);
    } else {
      runOnLoop.accept(() -> session.messageHandler(handler));
    }
    return this;
  }

  private static String textOf(ProtocolOperation operation) {
    return operation.text() == null ? "" : operation.text();
  }

  /** Runs {@code send} with {@code operation} prepared for its one frame call. */
  private <T> Future<T> prepared(ProtocolOperation operation, Supplier<Future<T>> send) {
    session.prepare(operation);
    try {
      return send.get();
    } finally {
      session.prepare(null);
    }
  }

  private <T> Future<T> onLoop(Supplier<Future<T>> task) {
    if (onLoop.getAsBoolean()) {
      return task.get();
    }
    Promise<T> promise = Promise.promise();
    runOnLoop.accept(() -> task.get().onComplete(promise));
    return promise.future();
  }
}
