package dev.wsmon.wrapper.internal;

import dev.wsmon.core.Connection;
import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.protocol.ProtocolChannel;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A {@link Connection} that delegates to the verticle's connection and also lets the wrapper wait
 * for a received text message matching a predicate (scheduled-call expectations), while the user's
 * own text handler still sees every message.
 */
public final class TappedConnection implements Connection {

  /** Most expectations waiting at once on one connection; more fail at once. */
  static final int MAX_WAITERS = 10_000;

  private final Vertx vertx;
  private final Connection delegate;
  private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
  private volatile Handler<String> userTextHandler;
  private volatile Handler<ConnectionState> userStateHandler;
  private final CopyOnWriteArrayList<Observer> observers = new CopyOnWriteArrayList<>();

  private record Observer(Handler<String> text, Handler<ConnectionState> state) {}

  private final class Waiter {
    final Predicate<String> predicate;
    final Promise<String> promise = Promise.promise();
    long timer;

    Waiter(Predicate<String> predicate) {
      this.predicate = predicate;
    }
  }

  /** The failure of an expectation cancelled because the wrapper stops; not an outcome. */
  public static final class Cancelled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Cancelled(String message) {
      super(message, null, false, false);
    }
  }

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
    for (Observer observer : observers) {
      observer.text().handle(text);
    }
    Waiter matched = null;
    synchronized (waiters) {
      Iterator<Waiter> it = waiters.iterator();
      while (it.hasNext()) {
        Waiter w = it.next();
        boolean matches;
        try {
          matches = w.predicate.test(text);
        } catch (RuntimeException e) {
          it.remove();
          vertx.cancelTimer(w.timer);
          w.promise.tryFail(e);
          continue;
        }
        if (matches) {
          it.remove();
          matched = w;
          break;
        }
      }
    }
    if (matched != null) {
      vertx.cancelTimer(matched.timer);
      matched.promise.tryComplete(text);
    }
    Handler<String> user = userTextHandler;
    if (user != null) {
      user.handle(text);
    }
  }

  /**
   * Waits for the next received text message matching {@code predicate}; each message answers at
   * most one waiter, the oldest that matches.
   *
   * @return the message, or a {@link TimeoutException} after {@code timeout}
   */
  public Future<String> expect(Predicate<String> predicate, Duration timeout) {
    Waiter w = new Waiter(predicate);
    synchronized (waiters) {
      if (waiters.size() >= MAX_WAITERS) {
        return Future.failedFuture(
            "too many expectations waiting on " + id() + " (" + MAX_WAITERS + ")");
      }
      waiters.add(w);
      w.timer =
          vertx.setTimer(
              Math.max(1, timeout.toMillis()),
              id -> {
                synchronized (waiters) {
                  waiters.remove(w);
                }
                w.promise.tryFail(
                    new TimeoutException(
                        "no matching message on "
                            + id()
                            + " within "
                            + timeout.toMillis()
                            + " ms"));
              });
    }
    return w.promise.future();
  }

  /** Fails every waiting expectation (the wrapper is stopping). */
  public void cancelExpectations(String reason) {
    Waiter[] pending;
    synchronized (waiters) {
      pending = waiters.toArray(new Waiter[0]);
      waiters.clear();
    }
    for (Waiter w : pending) {
      vertx.cancelTimer(w.timer);
      w.promise.tryFail(new Cancelled(reason));
    }
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
