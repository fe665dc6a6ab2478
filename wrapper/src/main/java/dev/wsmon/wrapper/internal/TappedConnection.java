package dev.wsmon.wrapper.internal;

import dev.wsmon.core.Connection;
import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.protocol.ProtocolChannel;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Connection} that delegates to the verticle's connection and also shows every received
 * text message and state change to the engine's observers (scenario sessions, scheduled-call runs),
 * while the user's own handlers still see them.
 */
public final class TappedConnection implements Connection {

  private final Vertx vertx;
  private final Connection delegate;
  private volatile Handler<String> userTextHandler;
  private volatile Handler<ConnectionState> userStateHandler;
  private final CopyOnWriteArrayList<Observer> observers = new CopyOnWriteArrayList<>();
  private long textCount;

  private record Observer(Handler<String> text, Handler<ConnectionState> state) {}

  public TappedConnection(Vertx vertx, Connection delegate) {
    this.vertx = vertx;
    this.delegate = delegate;
    delegate.textMessageHandler(this::onText);
    delegate.stateHandler(this::onState);
  }

  /**
   * Adds an engine observer (a scenario session, a triggered run), called on the connection's event
   * loop before the user's handlers, in the order added: every received text message and every
   * state change. Several observers may watch one connection.
   *
   * @param text the received text handler
   * @param state the state change handler
   * @return removes this observer (idempotent)
   */
  public Runnable observe(Handler<String> text, Handler<ConnectionState> state) {
    Observer observer = new Observer(text, state);
    observers.add(observer);
    return () -> observers.removeIf(o -> o == observer);
  }

  private void onState(ConnectionState state) {
    for (Observer observer : observers) {
      observer.state().handle(state);
    }
    Handler<ConnectionState> user = userStateHandler;
    if (user != null) {
      user.handle(state);
    }
  }

  /** The wrapped connection. */
  public Connection delegate() {
    return delegate;
  }

  private void onText(String text) {
    textCount++;
    for (Observer observer : observers) {
      observer.text().handle(text);
    }
    Handler<String> user = userTextHandler;
    if (user != null) {
      user.handle(text);
    }
  }

  /**
   * How many text messages this tap has received; while observers handle a message, its number
   * (from 1). Read on the connection's event loop.
   */
  public long textCount() {
    return textCount;
  }

  @Override
  public String id() {
    return delegate.id();
  }

  @Override
  public int number() {
    return delegate.number();
  }

  @Override
  public String group() {
    return delegate.group();
  }

  @Override
  public ConnectionOptions options() {
    return delegate.options();
  }

  @Override
  public ConnectionState state() {
    return delegate.state();
  }

  @Override
  public Connection stateHandler(Handler<ConnectionState> handler) {
    this.userStateHandler = handler;
    return this;
  }

  @Override
  public Connection textMessageHandler(Handler<String> handler) {
    this.userTextHandler = handler;
    return this;
  }

  @Override
  public Connection binaryMessageHandler(Handler<Buffer> handler) {
    delegate.binaryMessageHandler(handler);
    return this;
  }

  @Override
  public Connection messageHandler(Handler<Buffer> handler) {
    delegate.messageHandler(handler);
    return this;
  }

  @Override
  public Future<Void> sendText(String text) {
    return delegate.sendText(text);
  }

  @Override
  public Future<Void> sendBinary(Buffer data) {
    return delegate.sendBinary(data);
  }

  @Override
  public Future<String> request(String payload, Duration timeout) {
    return delegate.request(payload, timeout);
  }

  @Override
  public ProtocolChannel protocolChannel() {
    return delegate.protocolChannel();
  }

  @Override
  public Future<Buffer> requestBinary(Buffer payload, Duration timeout) {
    return delegate.requestBinary(payload, timeout);
  }

  @Override
  public Future<Void> close() {
    return delegate.close();
  }

  @Override
  public Future<Boolean> degrade(String reason) {
    return delegate.degrade(reason);
  }

  @Override
  public Future<Boolean> recover() {
    return delegate.recover();
  }

  @Override
  public Future<Void> close(int code, String reason) {
    return delegate.close(code, reason);
  }

  @Override
  public Future<Void> connect() {
    return delegate.connect();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
