package dev.wsmon.core;

import dev.wsmon.core.impl.JitQuiet;
import dev.wsmon.core.impl.WarmUpHandshakes;
import dev.wsmon.core.impl.WarmUpOnce;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warms up the WebSocket client path of this JVM before the first counted attempt: class loading,
 * JIT, Netty and TLS (JSSE engine and provider) initialisation. Without it the first connections of
 * a JVM take hundreds of milliseconds on loopback where later ones take a few, and a short run's
 * connect latency measures wsmon instead of the server.
 *
 * <p>It runs once per JVM, against in-process echo servers on free ports of 127.0.0.1, through a
 * client of its own: {@code ws://} handshakes, each echoing one text message and closing, in bursts
 * until their time has converged, then one wsmon connection; for {@code wss://} endpoints also TLS
 * handshakes (a throw-away certificate that authenticates nothing) and one handshake through a
 * client with each {@code wss://} endpoint's own TLS settings. Then it waits, at most {@link
 * #JIT_QUIET_MAX_MS} ms, for the JIT compilers to go idle, after one full garbage collection.
 * Nothing of it is counted or published: it happens before any connection exists. It never fails:
 * when something goes wrong (no loopback port, a closed Vert.x), or after {@link #TIMEOUT_MS} ms,
 * it completes anyway, logs why at debug, and the run simply starts cold. {@link
 * ConnectionVerticle} runs it unless {@link ConnectionVerticleOptions#setWarmUp(boolean)} is off.
 */
public final class ClientWarmUp {

  /** The longest a part of the warm-up may take before it is given up on: {@value} ms. */
  public static final long TIMEOUT_MS = 10_000;

  /**
   * The longest the warm-up waits, after its handshakes, for the JIT compilers to go idle: {@value}
   * ms. The compilations the handshakes started would otherwise take a core from the first counted
   * handshakes (docs/reliability.md).
   */
  public static final long JIT_QUIET_MAX_MS = 250;

  private static final Logger LOG = LoggerFactory.getLogger(ClientWarmUp.class);
  private static final WarmUpOnce PLAIN_HANDSHAKES = new WarmUpOnce(TIMEOUT_MS);
  private static final WarmUpOnce TLS_HANDSHAKES = new WarmUpOnce(TIMEOUT_MS);
  private static final WarmUpOnce PLAIN = new WarmUpOnce(TIMEOUT_MS);
  private static final WarmUpOnce TLS = new WarmUpOnce(TIMEOUT_MS);

  private ClientWarmUp() {}

  /**
   * Warms up the client path for {@code ws://} and {@code wss://}, once per JVM; later calls return
   * the same future. Same as {@code run(vertx, true)}.
   *
   * @param vertx the Vert.x instance to run the handshakes on
   * @return completes (never fails) when the warm-up is over; its listeners run on the thread that
   *     completes it, or at once when it is already over
   */
  public static Future<Void> run(Vertx vertx) {
    return run(vertx, true);
  }

  /**
   * Warms up the client path, once per JVM: the {@code ws://} part always, the {@code wss://} part
   * (TLS initialisation and a TLS handshake) when {@code tls} is set. A run without {@code wss://}
   * endpoints skips TLS: it would cost CPU and JIT time for a path the run never takes.
   *
   * @param vertx the Vert.x instance to run the handshakes on
   * @param tls whether the {@code wss://} part is warmed up too
   * @return completes (never fails) when the asked parts are over; the same future for the same
   *     {@code tls} every time
   */
  public static Future<Void> run(Vertx vertx, boolean tls) {
    return run(vertx, tls, List.of());
  }

  private static Future<Void> run(
      Vertx vertx, boolean tls, List<WarmUpHandshakes.TlsEndpoint> endpoints) {
    // the handshakes once, then one wait for the JIT after the last of them
    Future<Void> plain = PLAIN_HANDSHAKES.run(() -> plainHandshakes(vertx));
    if (!tls) {
      return PLAIN.run(() -> plain.compose(v -> jitQuiet(vertx, "ws")));
    }
    Future<Void> secure =
        TLS_HANDSHAKES.run(() -> plain.compose(v -> tlsHandshakes(vertx, endpoints)));
    return TLS.run(() -> secure.compose(v -> jitQuiet(vertx, "ws and wss")));
  }

  /**
   * Warms up the client path for these endpoints, once per JVM: {@code wss://} too when one of them
   * is a {@code wss://} URI, then also with each {@code wss://} endpoint's own TLS settings (trust
   * store, client certificate, {@code verifyHost}, host name): its trust material is loaded and its
   * SSL context built, though it cannot verify the warm-up server's certificate.
   *
   * @param vertx the Vert.x instance to run the handshakes on
   * @param endpoints the endpoints about to connect
   * @return completes (never fails) when the warm-up they need is over
   */
  public static Future<Void> run(Vertx vertx, Collection<ConnectionOptions> endpoints) {
    List<WarmUpHandshakes.TlsEndpoint> secure = WarmUpHandshakes.TlsEndpoint.of(endpoints);
    boolean tls = endpoints.stream().anyMatch(e -> e.getUri().regionMatches(true, 0, "wss:", 0, 4));
    return run(vertx, tls, secure);
  }

  /**
   * Waits until the JIT compilers of this JVM have been idle for 20 ms, at most {@code maxMillis}:
   * for a caller that did start-up work of its own after the warm-up (deploying verticles, opening
   * files) right before its first counted attempt, whose compilations would take a core from it.
   *
   * @param vertx whose timers poll
   * @param maxMillis the longest wait (ms), at least 0
   * @return the time waited (ms); never fails
   */
  public static Future<Long> awaitJitIdle(Vertx vertx, long maxMillis) {
    if (maxMillis < 0) {
      throw new IllegalArgumentException("maxMillis must be at least 0, got " + maxMillis);
    }
    return JitQuiet.await(vertx, maxMillis);
  }

  private static Future<Void> plainHandshakes(Vertx vertx) {
    long start = System.nanoTime();
    return WarmUpHandshakes.plain(vertx, port -> throughAConnection(vertx, port))
        .onSuccess(
            p ->
                LOG.debug(
                    "client warm-up: {} ws handshakes in {} bursts of {} in {} ms",
                    p.handshakes(),
                    p.bursts(),
                    WarmUpHandshakes.PARALLEL,
                    (System.nanoTime() - start) / 1_000_000))
        .onFailure(
            e -> LOG.debug("client warm-up (ws) failed; the run starts cold: {}", e.toString()))
        .mapEmpty();
  }

  private static Future<Void> tlsHandshakes(
      Vertx vertx, List<WarmUpHandshakes.TlsEndpoint> endpoints) {
    return WarmUpHandshakes.tls(vertx, endpoints)
        .onFailure(
            e -> LOG.debug("client warm-up (wss) failed; TLS starts cold: {}", e.toString()));
  }

  private static Future<Void> jitQuiet(Vertx vertx, String what) {
    // a collection now, not a young or mixed pause in the middle of the first handshakes: the
    // warm-up leaves eden and the old generation full of its garbage (docs/reliability.md)
    return vertx
        .executeBlocking(
            () -> {
              System.gc();
              return null;
            },
            false)
        .transform(ar -> JitQuiet.await(vertx, JIT_QUIET_MAX_MS))
        .onSuccess(ms -> LOG.debug("client warm-up ({}): {} ms for the JIT to go idle", what, ms))
        .mapEmpty();
  }

  /**
   * wsmon's own path, on every event loop: connection verticles whose one connection each connects,
   * sends, gets its reply and closes, publishing on a namespace no tracker listens to.
   */
  private static Future<Void> throughAConnection(Vertx vertx, int port) {
    ConnectionVerticleOptions options =
        new ConnectionVerticleOptions()
            .setNamespace(NAMESPACE)
            .setWarmUp(false)
            .setConsumeSends(false)
            .addEndpoint(
                new ConnectionOptions("ws://127.0.0.1:" + port + "/")
                    .setReconnectPolicy(new ReconnectPolicy().setAutoReconnect(false)));
    List<ConnectionVerticle> verticles = new CopyOnWriteArrayList<>();
    return vertx
        .deployVerticle(
            () -> {
              ConnectionVerticle verticle = new ConnectionVerticle(options);
              verticles.add(verticle);
              return verticle;
            },
            new DeploymentOptions().setInstances(WarmUpHandshakes.eventLoops(vertx)))
        .compose(
            id -> {
              List<Future<String>> replies = new ArrayList<>();
              for (ConnectionVerticle verticle : verticles) {
                Connection c = verticle.connections().get(0);
                replies.add(
                    c.connect().compose(v -> c.request("{\"warm-up\":1}", Duration.ofSeconds(5))));
              }
              return Future.join(replies).<Void>mapEmpty().eventually(() -> vertx.undeploy(id));
            });
  }

  /** The event-bus namespace the warm-up's own connection publishes on: {@value}. */
  public static final String NAMESPACE = "wsmon-warm-up";

  /** Whether this JVM's warm-up of the {@code ws://} path is over. */
  public static boolean isDone() {
    return isDone(false);
  }

  /**
   * Whether this JVM's warm-up is over.
   *
   * @param tls whether the {@code wss://} part must be over too
   */
  public static boolean isDone(boolean tls) {
    return (tls ? TLS : PLAIN).isDone();
  }
}
