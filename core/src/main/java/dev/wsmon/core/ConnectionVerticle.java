package dev.wsmon.core;

import dev.wsmon.core.impl.ClientPool;
import dev.wsmon.core.impl.ClientPriming;
import dev.wsmon.core.impl.ConnectionHost;
import dev.wsmon.core.impl.ConnectionImpl;
import dev.wsmon.core.internal.SourceAddresses;
import dev.wsmon.core.protocol.impl.ProtocolUpgrade;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Owns the connections of one or more endpoints: connects them (spread over each endpoint's
 * ramp-up), keeps them up per their {@link ReconnectPolicy}, pings them, counts their traffic, and
 * publishes {@link ConnectionEvent}s at once on {@code <ns>.events} and one {@link TrafficBatch}
 * per flush interval (and at stop) on {@code <ns>.traffic}. It also takes sends from {@code
 * <ns>.send} (unless {@link ConnectionVerticleOptions#setConsumeSends(boolean)} is off): body a
 * String (text) or a Buffer (binary), header {@value Addresses#CONNECTION_ID_HEADER}; reply {@code
 * {"ok": true}} or a failure (404 unknown connection id, 400 bad body type, 503 the send failed,
 * with the reason).
 *
 * <p>Connection ids are {@code <idPrefix>c-1}, {@code <idPrefix>c-2}, ... in endpoint order. Each
 * attempt opens a new WebSocket; wsmon's own timer bounds the whole attempt (DNS, pool wait, TCP,
 * TLS, upgrade), so connect latency includes all of these. Endpoints with the same client-wide
 * settings (source address, TLS trust, compression, sizes) share one {@code WebSocketClient} whose
 * pool is sized to their connections; with {@link ConnectionOptions#getSourceAddresses()} (or the
 * automatic choice for a loopback target beyond one address's ephemeral ports) the connections of
 * an endpoint go round-robin over one client per source address. All connections run on this
 * verticle's event loop; deploy several verticles to use more cores: with distinct namespaces or id
 * prefixes, or in one namespace with consecutive {@link
 * ConnectionVerticleOptions#setFirstNumber(int) first numbers} and one {@link SendRouter} over all
 * of them ({@code wsmon run} deploys one per event loop so).
 *
 * <p>Unless {@link ConnectionVerticleOptions#setWarmUp(boolean)} is off, start first waits for the
 * JVM's {@link ClientWarmUp} (once per JVM), then makes one uncounted handshake through each of its
 * own {@code wss://} clients that is not behind a proxy, against an in-process server on 127.0.0.1
 * (such a client builds its SSL context so), so that the first counted attempt costs what a later
 * one does; the ramp-up and the attempts begin after it.
 *
 * <p>Stop (undeploy) closes every open connection with 1000 ({@link EventType#CLOSED} events, not
 * disconnections), cancels every timer, never reconnects, publishes the last batch and closes the
 * clients.
 */
public class ConnectionVerticle extends VerticleBase {

  private static final long TICK_MS = 50;

  private final boolean optionsFromConfig;
  private volatile ConnectionVerticleOptions options;
  private volatile Addresses addresses;
  // by number: connection c-N is at N - firstNumber (no map by id: 48 bytes a connection)
  private final List<Connection> connectionList = new ArrayList<>();
  private String idStart;
  private ClientPool clientPool;
  private MessageConsumer<Object> sendConsumer;
  private Thread loopThread;
  private long tickTimer = -1;
  private long flushTimer = -1;
  private long rampTimer = -1;
  // the ramp's start offsets (nanoseconds) and connection indexes in start order, until it is done
  private long[] rampAt;
  private int[] rampIndex;
  private boolean rampStarted;
  private boolean stopping;

  /**
   * A verticle whose options are read from the deployment config ({@link
   * ConnectionVerticleOptions#ConnectionVerticleOptions(io.vertx.core.json.JsonObject)}: {@code
   * namespace}, {@code flushInterval}, {@code endpoints} as a list of {@link ConnectionOptions}
   * objects, ...), for deploying by class name; an empty config has no endpoints. A bad config
   * fails the deployment with a message naming the key.
   */
  public ConnectionVerticle() {
    this(new ConnectionVerticleOptions(), true);
  }

  /**
   * A verticle for {@code options}.
   *
   * @param options the options (copied)
   */
  public ConnectionVerticle(ConnectionVerticleOptions options) {
    this(Objects.requireNonNull(options, "options"), false);
  }

  private ConnectionVerticle(ConnectionVerticleOptions options, boolean optionsFromConfig) {
    this.optionsFromConfig = optionsFromConfig;
    this.options = new ConnectionVerticleOptions(options);
    this.addresses = Addresses.of(this.options.getNamespace());
  }

  /** The options (a copy). */
  public ConnectionVerticleOptions options() {
    return new ConnectionVerticleOptions(options);
  }

  /**
   * The context (event loop) the connections run on, once deployed; code that drives them from this
   * context calls them without a hop.
   */
  public io.vertx.core.Context context() {
    return context;
  }

  /** The event-bus addresses this verticle uses. */
  public Addresses addresses() {
    return addresses;
  }

  /** The connections in id order; empty before the verticle started. */
  public List<Connection> connections() {
    return Collections.unmodifiableList(connectionList);
  }

  /**
   * The connection with {@code id}.
   *
   * @param id a connection id such as {@code c-1}
   * @return the connection, or {@code null} when there is none with that id
   */
  public Connection connection(String id) {
    return byNumber(id);
  }

  private ConnectionImpl byNumber(String id) {
    String start = idStart;
    if (id == null || start == null || !id.startsWith(start)) {
      return null;
    }
    int index;
    try {
      index = Integer.parseInt(id, start.length(), id.length(), 10) - options.getFirstNumber();
    } catch (NumberFormatException e) {
      return null;
    }
    if (index < 0 || index >= connectionList.size()) {
      return null;
    }
    ConnectionImpl c = (ConnectionImpl) connectionList.get(index);
    return c.id().equals(id) ? c : null;
  }

  @Override
  public Future<?> start() {
    if (optionsFromConfig) {
      try {
        options = new ConnectionVerticleOptions(config());
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(
            new IllegalArgumentException("connection verticle config: " + e.getMessage(), e));
      }
      addresses = Addresses.of(options.getNamespace());
    }
    WsmonCodecs.register(vertx);
    if (!options.isWarmUp()) {
      return startConnections();
    }
    // the warm-up future belongs to no context: come back to ours before starting
    Promise<Void> warm = Promise.promise();
    ClientWarmUp.run(vertx, options.getEndpoints())
        .onComplete(ar -> context.runOnContext(v -> warm.complete()));
    return warm.future().compose(v -> startConnections());
  }

  private Future<?> startConnections() {
    loopThread = Thread.currentThread();
    Host host = new Host();
    clientPool =
        ClientPool.create(
            vertx, options.getEndpoints(), SourceAddresses.perAddress(SourceAddresses.portRange()));
    List<long[]> ramp = new ArrayList<>();
    idStart = options.getIdPrefix() + "c-";
    int number = options.getFirstNumber() - 1;
    int index = 0;
    for (int e = 0; e < options.getEndpoints().size(); e++) {
      ConnectionOptions endpoint = options.getEndpoints().get(e);
      WebSocketConnectOptions template = connectTemplate(endpoint);
      int n = endpoint.getConnections();
      for (int i = 0; i < n; i++) {
        WebSocketClient client = clientPool.client(e, i);
        number++;
        String id = idStart + number;
        ConnectionImpl connection =
            new ConnectionImpl(host, id, number, endpoint, client, template, template.getHost());
        connectionList.add(connection);
        long rampNanos = endpoint.getRampUp().toNanos();
        long at =
            options.getRampTotal() > 0
                ? rampNanos * (options.getRampOffset() + index) / options.getRampTotal()
                : rampNanos * i / n;
        ramp.add(new long[] {at, index++});
      }
    }
    if (options.isConsumeSends()) {
      sendConsumer = vertx.eventBus().consumer(addresses.send(), new SendRouter(this::byNumber));
    }
    tickTimer = vertx.setPeriodic(TICK_MS, t -> tick());
    flushTimer =
        vertx.setPeriodic(Math.max(1, options.getFlushInterval().toMillis()), t -> flush());
    ramp.sort(Comparator.comparingLong(r -> r[0]));
    rampAt = new long[ramp.size()];
    rampIndex = new int[ramp.size()];
    for (int k = 0; k < rampAt.length; k++) {
      rampAt[k] = ramp.get(k)[0];
      rampIndex[k] = (int) ramp.get(k)[1];
    }
    Future<Void> consumer =
        sendConsumer == null ? Future.succeededFuture() : sendConsumer.completion();
    if (!options.isWarmUp()) {
      if (!options.isDeferStart()) {
        beginRamp(options.getRampOrigin());
      }
      return consumer;
    }
    // this verticle's own clients, once each, before the first counted attempt
    Promise<Void> primed = Promise.promise();
    ClientPriming.prime(vertx, clientPool)
        .onComplete(ar -> context.runOnContext(v -> primed.complete()));
    return primed
        .future()
        .compose(
            v -> {
              if (!options.isDeferStart() && !stopping) {
                beginRamp(options.getRampOrigin());
              }
              return consumer;
            });
  }

  /**
   * Starts the ramp-up of a verticle deployed with {@link
   * ConnectionVerticleOptions#setDeferStart(boolean)}: connection {@code k} starts at {@code
   * originMillis} plus its ramp offset (at once when that is past). Call it once the deployment has
   * completed; later calls do nothing.
   *
   * @param originMillis the ramp's origin in epoch milliseconds, or 0 for now
   * @return completes once the ramp is scheduled on this verticle's event loop; fails when the
   *     verticle is not deployed or its start is not deferred
   */
  public Future<Void> startRamp(long originMillis) {
    if (context == null || rampAt == null) {
      return Future.failedFuture("startRamp: the connection verticle is not deployed");
    }
    if (!options.isDeferStart()) {
      return Future.failedFuture("startRamp: the verticle was not deployed with deferStart");
    }
    Promise<Void> scheduled = Promise.promise();
    context.runOnContext(
        v -> {
          if (!rampStarted && !stopping) {
            beginRamp(originMillis);
          }
          scheduled.complete();
        });
    return scheduled.future();
  }

  /**
   * Ends the attempts of every connection here, as the end of a run does before it stops sending:
   * from then on no connection attempt starts. A connection that is not open closes at once
   * (wsmon's own close: {@code CLOSED}, not a disconnection): its pending reconnect, or its start
   * still waiting in the ramp-up, is cancelled and an attempt in flight is abandoned ({@code
   * CLOSED} with the reason {@code attempt abandoned: run ended}, counted in {@code
   * attempts_abandoned}). An open connection stays open, and a loss after this is a disconnection
   * that is not retried ({@code CLOSED}). {@link Connection#connect()} then fails. Any thread.
   *
   * @return completes once applied on this verticle's event loop (at once when not deployed)
   */
  public Future<Void> endAttempts() {
    if (context == null) {
      return Future.succeededFuture();
    }
    Promise<Void> ended = Promise.promise();
    context.runOnContext(
        v -> {
          List<Future<Void>> closes = new ArrayList<>();
          for (Connection c : connectionList) {
            closes.add(((ConnectionImpl) c).endAttempts());
          }
          Future.join(closes).<Void>mapEmpty().onComplete(ar -> ended.complete());
        });
    return ended.future();
  }

  private void beginRamp(long originMillis) {
    rampStarted = true;
    long t0 = System.nanoTime();
    if (originMillis > 0) {
      t0 -= (System.currentTimeMillis() - originMillis) * 1_000_000L;
    }
    startRamp(0, t0);
  }

  private void startRamp(int from, long t0) {
    rampTimer = -1;
    long[] at = rampAt;
    long elapsed = System.nanoTime() - t0;
    int i = from;
    while (i < at.length && at[i] <= elapsed) {
      ((ConnectionImpl) connectionList.get(rampIndex[i])).start();
      i++;
    }
    if (i < at.length && !stopping) {
      int next = i;
      long delayMs = Math.max(1, (at[i] - elapsed + 999_999) / 1_000_000);
      rampTimer = vertx.setTimer(delayMs, t -> startRamp(next, t0));
    } else {
      rampAt = new long[0];
      rampIndex = new int[0];
    }
  }

  private void tick() {
    long now = System.nanoTime();
    for (Connection c : connectionList) {
      ((ConnectionImpl) c).tick(now);
    }
  }

  private void flush() {
    List<ConnectionDelta> deltas = null;
    for (Connection c : connectionList) {
      ConnectionDelta delta = ((ConnectionImpl) c).takeDelta();
      if (delta != null) {
        if (deltas == null) {
          deltas = new ArrayList<>();
        }
        deltas.add(delta);
      }
    }
    if (deltas != null) {
      vertx
          .eventBus()
          .publish(addresses.traffic(), new TrafficBatch(deploymentID(), Instant.now(), deltas));
    }
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    for (long timer : new long[] {tickTimer, flushTimer, rampTimer}) {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
    }
    List<Future<Void>> closes = new ArrayList<>();
    for (Connection c : connectionList) {
      closes.add(((ConnectionImpl) c).closeByUs("wsmon stopped"));
    }
    return Future.join(closes)
        .eventually(
            () -> {
              flush();
              return sendConsumer == null ? Future.succeededFuture() : sendConsumer.unregister();
            })
        .eventually(() -> clientPool == null ? Future.succeededFuture() : clientPool.close());
  }

  static WebSocketConnectOptions connectTemplate(ConnectionOptions endpoint) {
    URI uri = URI.create(endpoint.getUri());
    boolean ssl = "wss".equalsIgnoreCase(uri.getScheme());
    String host = uri.getHost();
    int port = uri.getPort() >= 0 ? uri.getPort() : ssl ? 443 : 80;
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      path += "?" + uri.getRawQuery();
    }
    path = ProtocolUpgrade.path(endpoint, path);
    if (host.startsWith("[") && host.endsWith("]")) {
      // Vert.x would build "http://::1:port/..." for the handshake, which has no host; an absolute
      // request URI keeps the brackets (and the Host header right)
      path = (ssl ? "https://" : "http://") + host + ":" + port + path;
      host = host.substring(1, host.length() - 1);
    }
    WebSocketConnectOptions template =
        new WebSocketConnectOptions()
            .setHost(host)
            .setPort(port)
            .setSsl(ssl)
            .setURI(path)
            .setTimeout(endpoint.getConnectTimeout().toMillis() + 1000);
    if (uri.getRawUserInfo() != null
        && endpoint.getHeaders().keySet().stream().noneMatch("Authorization"::equalsIgnoreCase)) {
      String credentials = uri.getUserInfo();
      template.addHeader(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    endpoint.getHeaders().forEach(template::addHeader);
    if (!endpoint.getSubprotocols().isEmpty()) {
      template.setSubProtocols(new ArrayList<>(endpoint.getSubprotocols()));
    } else if (!ProtocolUpgrade.subprotocols(endpoint).isEmpty()) {
      template.setSubProtocols(new ArrayList<>(ProtocolUpgrade.subprotocols(endpoint)));
    }
    return template;
  }

  private final class Host implements ConnectionHost {

    @Override
    public Vertx vertx() {
      return vertx;
    }

    @Override
    public boolean onLoop() {
      return Thread.currentThread() == loopThread;
    }

    @Override
    public void runOnLoop(Runnable task) {
      context.runOnContext(v -> task.run());
    }

    @Override
    public void publish(ConnectionEvent event) {
      vertx.eventBus().publish(addresses.events(), event);
    }
  }
}
