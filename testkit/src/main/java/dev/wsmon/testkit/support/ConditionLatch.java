package dev.wsmon.testkit.support;

import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting on conditions over a state that changes on events (a recorder of event-bus messages,
 * say): every change re-checks the pending conditions and releases those that hold, so a test waits
 * on the event itself, never on a poll or a sleep. The state's own monitor is the lock: the state's
 * {@code synchronized} readers see each change whole.
 *
 * @param <S> the state
 */
public final class ConditionLatch<S> {

  private final S state;
  private final List<Waiter<S>> waiters = new ArrayList<>();

  private record Waiter<S>(Predicate<S> condition, Promise<Void> promise) {}

  /**
   * @param state the state the conditions read; its monitor guards every change
   */
  public ConditionLatch(S state) {
    this.state = state;
  }

  /**
   * Applies {@code change} under the state's monitor, then releases every waiter whose condition
   * now holds.
   *
   * @param change the change, run on the caller's thread
   */
  public void change(Runnable change) {
    List<Promise<Void>> done = new ArrayList<>();
    synchronized (state) {
      change.run();
      for (Iterator<Waiter<S>> it = waiters.iterator(); it.hasNext(); ) {
        Waiter<S> w = it.next();
        if (w.condition.test(state)) {
          it.remove();
          done.add(w.promise);
        }
      }
    }
    done.forEach(Promise::tryComplete);
  }

  /**
   * Blocks (off the event loop) until {@code condition} holds, at most {@code seconds}.
   *
   * @param condition read under the state's monitor, now and after each change
   * @param seconds how long to wait at most
   * @param seen what the failure message shows of the state (the events recorded, say)
   * @throws AssertionError when the condition does not hold in time
   */
  public void await(Predicate<S> condition, long seconds, Supplier<Object> seen) {
    Promise<Void> promise = Promise.promise();
    synchronized (state) {
      if (condition.test(state)) {
        return;
      }
      waiters.add(new Waiter<>(condition, promise));
    }
    try {
      promise.future().await(seconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("condition not met within " + seconds + " s; " + seen.get());
    }
  }
}
