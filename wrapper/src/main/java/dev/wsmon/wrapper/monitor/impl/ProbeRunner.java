package dev.wsmon.wrapper.monitor.impl;

import dev.wsmon.core.Connection;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.Durations;
import dev.wsmon.wrapper.monitor.ProbeOptions;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs the monitor's health probes: one periodic timer per probe, and on each tick, on every open
 * connection, send the probe's text and wait for a text message containing its {@code expect}
 * within its timeout. A failure on a connection that is still open {@link Connection#degrade
 * degrades} it; a pass {@link Connection#recover recovers} it. A connection that reconnects after
 * being degraded stays degraded ("until a probe passes") and is probed at once. Probes that cannot
 * run because the connection is not open give no verdict: the connection is down anyway.
 *
 * <p>The scheduled-call engine of {@code run} ({@code wrapper} module) is bound to the wrapper's
 * own connection type and has no per-run outcome, so probes keep this small runner of their own;
 * its spec keys follow the scheduled calls' ({@code every}, {@code timeout}).
 */
public final class ProbeRunner {

  /** Most expectations waiting at once on one connection; more fail at once. */
  static final int MAX_WAITERS = 64;

  private final Vertx vertx;
  private Context context;
  private final List<ProbeOptions> probes;
  private final Supplier<List<Connection>> connections;
  private final List<Long> timers = new ArrayList<>();
  private final Map<String, Tap> taps = new ConcurrentHashMap<>();
  private volatile boolean stopped;
  private long passed;
  private long failed;

  /** Per connection: the waiting expectations and whether this runner degraded it. */
  private final class Tap {
    final Connection connection;
    final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    volatile String degradedBy;

    Tap(Connection connection) {
      this.connection = connection;
    }

    void onText(String text) {
      Waiter matched = null;
      synchronized (waiters) {
        if (waiters.isEmpty()) {
          return;
        }
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
          Waiter w = it.next();
          if (text.contains(w.probe.getExpect())) {
            it.remove();
            matched = w;
            break;
          }
        }
      }
      if (matched != null) {
        Waiter w = matched;
        vertx.cancelTimer(w.timer);
        context.runOnContext(v -> verdict(this, w.probe, null));
      }
    }

    void onState(ConnectionState state) {
      if (state == ConnectionState.CONNECTED && degradedBy != null && !stopped) {
        String reason = degradedBy;
        connection.degrade("still failing since before the reconnect: " + reason);
        context.runOnContext(v -> probes.forEach(p -> run(p, this)));
      }
    }
  }

  private static final class Waiter {
    final ProbeOptions probe;
    long timer;

    Waiter(ProbeOptions probe) {
      this.probe = probe;
    }
  }

  /**
   * @param vertx runs the timers (create on the monitor's event loop)
   * @param probes the probes
   * @param connections the connections probed (read on every tick)
   */
  public ProbeRunner(
      Vertx vertx, List<ProbeOptions> probes, Supplier<List<Connection>> connections) {
    this.vertx = vertx;
    this.probes = List.copyOf(probes);
    this.connections = connections;
  }

  /**
   * Taps the connections' text messages and starts one timer per probe; call on the monitor's loop.
   */
  public void start() {
    context = vertx.getOrCreateContext();
    if (probes.isEmpty()) {
      return;
    }
    for (Connection c : connections.get()) {
      tap(c);
    }
    for (ProbeOptions probe : probes) {
      timers.add(vertx.setPeriodic(probe.getEvery().toMillis(), id -> tick(probe)));
    }
  }

  private Tap tap(Connection c) {
    return taps.computeIfAbsent(
        c.id(),
        id -> {
          Tap tap = new Tap(c);
          c.textMessageHandler(tap::onText);
          c.stateHandler(tap::onState);
          return tap;
        });
  }

  private void tick(ProbeOptions probe) {
    if (stopped) {
      return;
    }
    for (Connection c : connections.get()) {
      if (c.isConnected()) {
        run(probe, tap(c));
      }
    }
  }

  private void run(ProbeOptions probe, Tap tap) {
    if (stopped || !tap.connection.isConnected()) {
      return;
    }
    Waiter waiter = null;
    if (probe.getExpect() != null) {
      Waiter w = new Waiter(probe);
      synchronized (tap.waiters) {
        if (tap.waiters.size() >= MAX_WAITERS) {
          verdict(tap, probe, "more than " + MAX_WAITERS + " probes waiting for a reply");
          return;
        }
        tap.waiters.add(w);
      }
      w.timer =
          vertx.setTimer(
              probe.getTimeout().toMillis(),
              t -> {
                boolean waiting;
                synchronized (tap.waiters) {
                  waiting = tap.waiters.remove(w);
                }
                if (waiting) {
                  verdict(
                      tap,
                      probe,
                      "no text message containing '"
                          + probe.getExpect()
                          + "' within "
                          + Durations.format(probe.getTimeout()));
                }
              });
      waiter = w;
    }
    if (probe.getSend() == null) {
      return;
    }
    Waiter w = waiter;
    tap.connection
        .sendText(probe.getSend())
        .onComplete(
            ar ->
                context.runOnContext(
                    v -> {
                      if (ar.failed()) {
                        if (w != null) {
                          boolean waiting;
                          synchronized (tap.waiters) {
                            waiting = tap.waiters.remove(w);
                          }
                          if (!waiting) {
                            return;
                          }
                          vertx.cancelTimer(w.timer);
                        }
                        verdict(tap, probe, "send failed: " + ar.cause().getMessage());
                      } else if (w == null) {
                        verdict(tap, probe, null);
                      }
                    }));
  }

  /** Applies a verdict; {@code failure} is null for a pass. */
  private void verdict(Tap tap, ProbeOptions probe, String failure) {
    if (stopped) {
      return;
    }
    Connection c = tap.connection;
    if (failure == null) {
      passed++;
      tap.degradedBy = null;
      c.recover();
      return;
    }
    if (!c.isConnected()) {
      return; // down anyway: no verdict on the probe
    }
    failed++;
    String reason = "probe " + probe.label() + ": " + failure;
    tap.degradedBy = reason;
    c.degrade(reason);
  }

  /** Probes passed so far. */
  public long passed() {
    return passed;
  }

  /** Probes failed so far (on open connections). */
  public long failed() {
    return failed;
  }

  /** Timers held now: one per probe plus one per waiting expectation (a leak check). */
  public int timers() {
    int n = timers.size();
    for (Tap tap : taps.values()) {
      synchronized (tap.waiters) {
        n += tap.waiters.size();
      }
    }
    return n;
  }

  /** Cancels the timers and waiting expectations and removes the handlers it set. */
  public void stop() {
    stopped = true;
    timers.forEach(vertx::cancelTimer);
    timers.clear();
    for (Tap tap : taps.values()) {
      synchronized (tap.waiters) {
        tap.waiters.forEach(w -> vertx.cancelTimer(w.timer));
        tap.waiters.clear();
      }
      tap.connection.textMessageHandler(null);
      tap.connection.stateHandler(null);
    }
    taps.clear();
  }
}
