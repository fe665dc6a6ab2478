package dev.wsmon.testkit;

import dev.wsmon.testkit.impl.EchoConnection;
import dev.wsmon.testkit.impl.ServerCounters;
import dev.wsmon.testkit.impl.TlsMaterial;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.TrustOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A WebSocket echo server with fault injection, for tests and for {@code wsmon serve}.
 *
 * <p>It echoes every text and binary message on any path, and injects the faults of its current
 * {@link FaultSpec}, which a test can swap at any time with {@link #faults(FaultSpec)}. It counts
 * what it sees ({@link #stats()}) so a test can compare both sides exactly. A plain HTTP {@code GET
 * /stats} answers the stats as JSON; other HTTP requests get 426 Upgrade Required.
 *
 * <pre>{@code
 * EchoServer server = EchoServer.deploy(vertx, new EchoServerOptions()).await();
 * client.connect(server.port(), "127.0.0.1", "/echo") ...
 * server.faults(FaultSpec.parse("close-after=10:4001:bye"));
 * }</pre>
 *
 * <p>Outages ({@link #stopListening()}, the {@code outage} fault) drop every open connection
 * without a close frame (clients see 1006) and close the handshakes in progress; listening resumes
 * on the same port.
 *
 * <p>Methods may be called from any thread; the server does its work on its own event loop.
 */
public class EchoServer extends VerticleBase {

  /** How often {@link #statsWhen} checks its condition: {@value} ms. */
  public static final long STATS_POLL_MS = 5;

  private final EchoServerOptions options;
  private final ServerCounters counters = new ServerCounters();
  private final Set<EchoConnection> connections = new HashSet<>();
  private final Set<HttpConnection> handshaking = new HashSet<>();
  private final Supplier<FaultSpec> faultSupplier = () -> this.faults;
  private volatile FaultSpec faults;
  private volatile int port;
  private volatile boolean listening;
  private volatile TlsMaterial tls;
  private HttpServer server;
  private boolean serverTls;
  private long outageTimer = -1;
  private boolean inOutage;

  /** A server with default options: 127.0.0.1, a free port, no faults. */
  public EchoServer() {
    this(new EchoServerOptions());
  }

  /**
   * A server with the given options (copied).
   *
   * @param options the options
   */
  public EchoServer(EchoServerOptions options) {
    this.options = new EchoServerOptions(Objects.requireNonNull(options, "options"));
    this.faults = new FaultSpec(this.options.getFaults());
    this.port = this.options.getPort();
  }

  /**
   * Deploys a new server and completes when it listens.
   *
   * @param vertx the Vert.x instance
   * @param options the options
   * @return the deployed server
   */
  public static Future<EchoServer> deploy(Vertx vertx, EchoServerOptions options) {
    if (options.isTls() && !io.vertx.core.Context.isOnEventLoopThread()) {
      // generating a certificate runs keytool for seconds: do it here rather than on the loop
      TlsMaterial.forHost(options.getTlsCertificateHost());
      if (options.isRequireClientCertificate()) {
        TlsMaterial.client();
      }
    }
    EchoServer server = new EchoServer(options);
    return vertx.deployVerticle(server).map(id -> server);
  }

  /**
   * Deploys a new server with default options.
   *
   * @param vertx the Vert.x instance
   * @return the deployed server
   */
  public static Future<EchoServer> deploy(Vertx vertx) {
    return deploy(vertx, new EchoServerOptions());
  }

  @Override
  public Future<?> start() {
    return listen().onSuccess(v -> scheduleOutage());
  }

  @Override
  public Future<?> stop() {
    cancelOutage();
    HttpServer s = server;
    server = null;
    listening = false;
    return s == null ? Future.<Void>succeededFuture() : s.close();
  }

  /**
   * Undeploys this server.
   *
   * @return completes when it stopped
   */
  public Future<Void> close() {
    return vertx.undeploy(deploymentID());
  }

  /** The bound port (the actual one when the options asked for 0), valid after deploy. */
  public int port() {
    return port;
  }

  /** The bound host, as given in the options. */
  public String host() {
    return options.getHost();
  }

  /** True while the server accepts connections. */
  public boolean isListening() {
    return listening;
  }

  /** True when the server currently serves wss://. */
  public boolean isTls() {
    return serverTls;
  }

  /**
   * The URI of {@code path} on this server, e.g. {@code ws://127.0.0.1:41234/echo}; IPv6 hosts are
   * bracketed and TLS gives {@code wss://}.
   *
   * @param path the path, with or without its leading slash
   * @return the URI
   */
  public String uri(String path) {
    String h = host().contains(":") ? "[" + host() + "]" : host();
    String p = path.startsWith("/") ? path : "/" + path;
    return (serverTls ? "wss" : "ws") + "://" + h + ":" + port + p;
  }

  /**
   * The current faults (a copy).
   *
   * @return a copy of the faults in force
   */
  public FaultSpec faults() {
    return new FaultSpec(faults);
  }

  /**
   * Replaces the faults at once; handshakes, connections and messages after this call see the new
   * ones. A changed {@code outage} restarts the outage cycle; {@code tls} takes effect at the next
   * {@link #startListening()}.
   *
   * @param faults the new faults (copied)
   * @return this
   */
  public EchoServer faults(FaultSpec faults) {
    FaultSpec copy = new FaultSpec(Objects.requireNonNull(faults, "faults"));
    FaultSpec previous = this.faults;
    this.faults = copy;
    if (context != null
        && (!Objects.equals(previous.getOutageDown(), copy.getOutageDown())
            || !Objects.equals(previous.getOutageEvery(), copy.getOutageEvery()))) {
      context.runOnContext(v -> restartOutage());
    }
    return this;
  }

  /**
   * What the server counted since it started or was last reset.
   *
   * @return an immutable snapshot
   */
  public EchoServerStats stats() {
    return counters.snapshot();
  }

  /**
   * Completes with the first snapshot that satisfies {@code condition}, checked now and then every
   * {@value #STATS_POLL_MS} ms; fails after {@code timeout} with the last snapshot in the message.
   * Lets a test wait for the server side to catch up with what its client saw.
   *
   * @param condition the condition on the stats
   * @param timeout how long to wait
   * @return the matching snapshot
   */
  public Future<EchoServerStats> statsWhen(Predicate<EchoServerStats> condition, Duration timeout) {
    Promise<EchoServerStats> promise = Promise.promise();
    long deadline = System.nanoTime() + timeout.toNanos();
    pollStats(condition, deadline, promise);
    return promise.future();
  }

  private void pollStats(
      Predicate<EchoServerStats> condition, long deadline, Promise<EchoServerStats> promise) {
    EchoServerStats s = stats();
    if (condition.test(s)) {
      promise.complete(s);
    } else if (System.nanoTime() - deadline > 0) {
      promise.fail(new IllegalStateException("stats condition not met in time; last: " + s));
    } else {
      vertx.setTimer(STATS_POLL_MS, t -> pollStats(condition, deadline, promise));
    }
  }

  /**
   * Sets every counter to zero (connections already open stay open, so {@code connectionsOpen()} of
   * later snapshots can go negative).
   *
   * @return this
   */
  public EchoServer resetStats() {
    counters.reset();
    return this;
  }

  /**
   * Trust options that trust this server's self-signed certificate (issued for {@code localhost}:
   * connect to {@code localhost} or turn host verification off; one certificate serves every server
   * of the JVM); null until TLS was used.
   *
   * @return the trust options, or null
   */
  public TrustOptions trustOptions() {
    TlsMaterial t = tls;
    return t == null ? null : t.trustOptions();
  }

  /**
   * The PEM certificate file the server uses for TLS (a test certificate for {@link
   * EchoServerOptions#getTlsCertificateHost()}); null until TLS was used. Trusting it (e.g. {@code
   * --trust-store FILE}) is trusting this server.
   *
   * @return the file path, or null
   */
  public String certificatePath() {
    TlsMaterial t = tls;
    return t == null ? null : t.certificatePath();
  }

  /**
   * The PEM certificate file of the test client certificate that servers with {@link
   * EchoServerOptions#setRequireClientCertificate(boolean) requireClientCertificate} trust.
   * Generated on first use (seconds: call it off the event loop).
   *
   * @return the file path
   */
  public static String clientCertificatePath() {
    return TlsMaterial.client().certificatePath();
  }

  /**
   * The unencrypted PEM private key file of {@link #clientCertificatePath()}.
   *
   * @return the file path
   */
  public static String clientKeyPath() {
    return TlsMaterial.client().privateKeyPath();
  }

  /**
   * The key and certificate the server uses for TLS; null until TLS was used.
   *
   * @return the key/cert options, or null
   */
  public KeyCertOptions keyCertOptions() {
    TlsMaterial t = tls;
    return t == null ? null : t.keyCertOptions();
  }

  /**
   * Starts an outage: stops accepting connections, drops the open ones without a close frame and
   * closes the handshakes in progress. Does nothing when not listening.
   *
   * @return completes when the port is released
   */
  public Future<Void> stopListening() {
    return onContext(this::doStopListening);
  }

  /**
   * Ends an outage: listens again on the same port. Does nothing when already listening.
   *
   * @return completes when the server listens
   */
  public Future<Void> startListening() {
    return onContext(this::listen);
  }

  private Future<Void> listen() {
    if (server != null) {
      return Future.succeededFuture();
    }
    serverTls = faults.isTls();
    HttpServerOptions o =
        new HttpServerOptions()
            .setHost(options.getHost())
            .setPort(port)
            .setReuseAddress(true)
            .setAcceptBacklog(options.getAcceptBacklog())
            .setMaxWebSocketFrameSize(options.getMaxFrameSize())
            .setMaxWebSocketMessageSize(options.getMaxMessageSize());
    if (serverTls) {
      if (tls == null) {
        tls = TlsMaterial.forHost(options.getTlsCertificateHost());
      }
      o.setSsl(true).setKeyCertOptions(tls.keyCertOptions());
      if (options.isRequireClientCertificate()) {
        o.setClientAuth(ClientAuth.REQUIRED)
            .setTrustOptions(TlsMaterial.client().pemTrustOptions());
      }
    }
    HttpServer s = vertx.createHttpServer(o).requestHandler(this::onRequest);
    server = s;
    return s.listen()
        .onFailure(t -> server = null)
        .map(
            bound -> {
              port = bound.actualPort();
              listening = true;
              return null;
            });
  }

  private Future<Void> doStopListening() {
    HttpServer s = server;
    if (s == null) {
      return Future.succeededFuture();
    }
    listening = false;
    server = null;
    new ArrayList<>(connections).forEach(EchoConnection::drop);
    new ArrayList<>(handshaking).forEach(HttpConnection::close);
    handshaking.clear();
    return s.close();
  }

  private void onRequest(HttpServerRequest req) {
    if (!req.headers().contains(HttpHeaders.UPGRADE, HttpHeaders.WEBSOCKET, true)) {
      answerHttp(req);
      return;
    }
    FaultSpec f = faults;
    if (f.isNoUpgrade()) {
      counters.handshakesUnanswered.increment();
      holdHandshake(req);
      return;
    }
    long delay = f.getHandshakeDelay().toMillis();
    if (delay > 0) {
      req.pause();
      holdHandshake(req);
      vertx.setTimer(
          delay,
          t -> {
            if (handshaking.remove(req.connection())) {
              handshake(req);
            }
          });
    } else {
      handshake(req);
    }
  }

  private void holdHandshake(HttpServerRequest req) {
    HttpConnection conn = req.connection();
    handshaking.add(conn);
    conn.closeHandler(v -> handshaking.remove(conn));
  }

  private void handshake(HttpServerRequest req) {
    FaultSpec f = faults;
    if (f.getRejectStatus() != 0) {
      counters.handshakesRejected.increment();
      if (f.getRetryAfterSeconds() >= 0) {
        req.response()
            .putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(f.getRetryAfterSeconds()));
      }
      req.response().setStatusCode(f.getRejectStatus()).end();
      return;
    }
    req.toWebSocket()
        .onSuccess(
            ws -> {
              counters.connectionsOpened.increment();
              EchoConnection c =
                  new EchoConnection(vertx, ws, faultSupplier, counters, connections::remove);
              connections.add(c);
              c.open();
            });
  }

  private void answerHttp(HttpServerRequest req) {
    if ("/stats".equals(req.path())) {
      req.response()
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
          .end(stats().toJson().encode());
    } else {
      req.response().setStatusCode(426).end("WebSocket echo server: upgrade required\n");
    }
  }

  private void scheduleOutage() {
    FaultSpec f = faults;
    if (f.getOutageDown() == null) {
      return;
    }
    long up = f.getOutageEvery().minus(f.getOutageDown()).toMillis();
    long down = f.getOutageDown().toMillis();
    outageTimer =
        vertx.setTimer(
            up,
            t ->
                doStopListening()
                    .onComplete(
                        ar -> {
                          inOutage = true;
                          outageTimer =
                              vertx.setTimer(
                                  down,
                                  t2 -> {
                                    inOutage = false;
                                    listen().onComplete(ar2 -> scheduleOutage());
                                  });
                        }));
  }

  private void cancelOutage() {
    if (outageTimer >= 0) {
      vertx.cancelTimer(outageTimer);
      outageTimer = -1;
    }
  }

  private void restartOutage() {
    cancelOutage();
    if (inOutage) {
      inOutage = false;
      listen().onComplete(ar -> scheduleOutage());
    } else {
      scheduleOutage();
    }
  }

  private <T> Future<T> onContext(Supplier<Future<T>> action) {
    if (Vertx.currentContext() == context) {
      return action.get();
    }
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> action.get().onComplete(promise));
    return promise.future();
  }
}
