package dev.wsmon.core;

import dev.wsmon.core.impl.WarmUpHandshakes;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Warms up the WebSocket client path of this JVM before the first counted attempt: class loading,
 * JIT, Netty and TLS (JSSE engine and provider) initialisation. Without it the first connections of
 * a JVM take hundreds of milliseconds on loopback where later ones take a few, and a short run's
 * connect latency measures wsmon instead of the server.
 *
 * <p>It runs once per JVM: a {@code ws://} and a {@code wss://} handshake, one echoed text message
 * and a close, against an in-process server on a free port of 127.0.0.1 (TLS with a throw-away
 * certificate that authenticates nothing), through a client of its own. Nothing of it is counted or
 * published: it happens before any connection exists. It never fails: when something goes wrong, or
 * after {@link #TIMEOUT_MS} ms, it completes anyway and the run simply starts cold. {@link
 * ConnectionVerticle} runs it unless {@link ConnectionVerticleOptions#setWarmUp(boolean)} is off.
 */
public final class ClientWarmUp {

  /** The longest the warm-up may take before it is given up on: {@value} ms. */
  public static final long TIMEOUT_MS = 10_000;

  private static final AtomicReference<Future<Void>> DONE = new AtomicReference<>();

  private ClientWarmUp() {}

  /**
   * Warms up the client path, once per JVM; later calls return the same future.
   *
   * @param vertx the Vert.x instance to run the handshakes on
   * @return completes (never fails) when the warm-up is over; its listeners run on the thread that
   *     completes it, or at once when it is already over
   */
  public static Future<Void> run(Vertx vertx) {
    Future<Void> existing = DONE.get();
    if (existing != null) {
      return existing;
    }
    Promise<Void> done = Promise.promise();
    if (!DONE.compareAndSet(null, done.future())) {
      return DONE.get();
    }
    // a timer outside Vert.x: it must fire even when this Vert.x instance is closed meanwhile
    CompletableFuture.delayedExecutor(TIMEOUT_MS, TimeUnit.MILLISECONDS).execute(done::tryComplete);
    WarmUpHandshakes.run(vertx, port -> throughAConnection(vertx, port))
        .onComplete(ar -> done.tryComplete());
    return done.future();
  }

  /**
   * wsmon's own path: a connection verticle whose one connection connects, sends, gets its reply
   * and closes, publishing on a namespace no tracker listens to.
   */
  private static Future<Void> throughAConnection(Vertx vertx, int port) {
    ConnectionVerticle verticle =
        new ConnectionVerticle(
            new ConnectionVerticleOptions()
                .setNamespace(NAMESPACE)
                .setWarmUp(false)
                .setConsumeSends(false)
                .addEndpoint(
                    new ConnectionOptions("ws://127.0.0.1:" + port + "/")
                        .setReconnectPolicy(new ReconnectPolicy().setAutoReconnect(false))));
    return vertx
        .deployVerticle(verticle)
        .compose(
            id -> {
              Connection c = verticle.connections().get(0);
              return c.connect()
                  .compose(v -> c.request("{\"warm-up\":1}", Duration.ofSeconds(5)))
                  .<Void>mapEmpty()
                  .eventually(() -> vertx.undeploy(id));
            });
  }

  /** The event-bus namespace the warm-up's own connection publishes on: {@value}. */
  public static final String NAMESPACE = "wsmon-warm-up";

  /** Whether this JVM's warm-up is over. */
  public static boolean isDone() {
    Future<Void> f = DONE.get();
    return f != null && f.isComplete();
  }
}
