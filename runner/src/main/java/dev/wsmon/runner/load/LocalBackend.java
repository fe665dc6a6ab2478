package dev.wsmon.runner.load;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.ClientWarmUp;
import dev.wsmon.core.Connection;
import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.ConnectionVerticle;
import dev.wsmon.core.ConnectionVerticleOptions;
import dev.wsmon.core.SendRouter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The connections and senders of a run in this JVM: one {@link ConnectionVerticle} per event loop
 * ({@link ConnectionSpread}; ids {@code <idPrefix>c-1..N} whatever the number of loops), one sender
 * lane on each of their loops, and one {@link SendRouter} on {@code <ns>.send}. Used by {@code
 * wsmon run} and by each cluster agent. The ramp-up spreads over every connection of the run
 * together: connection {@code k} of {@code N} (run-wide, agents included) starts at {@code k *
 * rampUp / N}, whichever loop owns it.
 */
public final class LocalBackend implements LoadBackend {

  /** The longest the ramp waits for the JIT to go idle after the deployments: {@value} ms. */
  static final long JIT_IDLE_MAX_MS = 100;

  private final RunSettings settings;
  private final String idPrefix;
  private final int numberOffset;
  private Vertx vertx;
  private SenderVerticle sender;
  private final List<ConnectionVerticle> verticles = new ArrayList<>();
  private final List<Connection> connectionList = new CopyOnWriteArrayList<>();
  // the verticles whose deployment completed: they find their connections by number (a map by id
  // here would cost about 40 bytes a connection)
  private final List<ConnectionVerticle> deployedVerticles = new CopyOnWriteArrayList<>();
  private final List<String> connectionsIds = new ArrayList<>();
  private MessageConsumer<Object> sendRouter;
  private String senderId;
  private long rampOrigin;
  private Function<List<ConnectionVerticle>, Future<Void>> beforeRamp =
      v -> Future.succeededFuture();

  /**
   * @param settings the run's settings (payload, rate, hold)
   * @param idPrefix the connection id prefix, empty outside cluster runs
   */
  public LocalBackend(RunSettings settings, String idPrefix) {
    this(settings, idPrefix, 0);
  }

  /**
   * @param settings the run's settings (payload, rate, hold)
   * @param idPrefix the connection id prefix
   * @param numberOffset added to the local connection number for {@code {conn}} in the payload, so
   *     that it stays the run-wide number on a cluster agent
   */
  public LocalBackend(RunSettings settings, String idPrefix, int numberOffset) {
    this.settings = settings;
    this.idPrefix = idPrefix;
    this.numberOffset = numberOffset;
  }

  /**
   * Starts the ramp at this wall-clock instant instead of when {@link #start} has deployed the
   * connections and their senders: a cluster agent deploys its connections as soon as it gets its
   * work order, so that connection {@code k} starts on time at the run's common start instant plus
   * {@code k * rampUp / N}, not late by the time its deployment took.
   *
   * @param epochMillis the ramp's origin, epoch milliseconds; 0 for the call to {@link #start}
   * @return this
   */
  public LocalBackend rampOrigin(long epochMillis) {
    if (epochMillis < 0) {
      throw new IllegalArgumentException("rampOrigin must be at least 0, got " + epochMillis);
    }
    this.rampOrigin = epochMillis;
    return this;
  }

  /**
   * Runs {@code hook} once every connection verticle is deployed and before any connection starts
   * (their ramps wait for it): a scenario attached here sees each connection's first session from
   * its first message.
   *
   * @param hook given the deployed verticles; the ramps start when its future completes
   * @return this
   */
  public LocalBackend beforeRamp(Function<List<ConnectionVerticle>, Future<Void>> hook) {
    this.beforeRamp = Objects.requireNonNull(hook, "hook");
    return this;
  }

  /** A Vert.x with at least {@code eventLoops} event loops (Vert.x's default count otherwise). */
  @Override
  public Vertx createVertx() {
    return Vertx.vertx(
        new VertxOptions()
            .setEventLoopPoolSize(
                Math.max(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE, settings.eventLoops)));
  }

  /** Warms up the client path (once per JVM) before the tracker and the run clock start. */
  @Override
  public Future<Void> prepare(Vertx vertx) {
    return ClientWarmUp.run(vertx, RunEndpoints.of(settings));
  }

  @Override
  public Future<Long> start(
      Vertx vertx, Addresses addresses, List<ConnectionOptions> endpoints, Consumer<String> end) {
    this.vertx = vertx;
    sender = new SenderVerticle(settings, addresses.events(), numberOffset);
    // one connection verticle per event loop, deployed back to back so that Vert.x's round robin
    // gives each its own loop; one router keeps <ns>.send a single consumer
    sendRouter = vertx.eventBus().consumer(addresses.send(), new SendRouter(this::connection));
    return sendRouter
        .completion()
        .compose(v -> vertx.deployVerticle(sender))
        .compose(
            deployed -> {
              senderId = deployed;
              int total = endpoints.stream().mapToInt(ConnectionOptions::getConnections).sum();
              // one ramp over the whole run: every loop here, and every agent of a cluster run
              int rampTotal = Math.max(runConnections(), numberOffset + total);
              List<Future<String>> deploying = new ArrayList<>();
              for (ConnectionSpread.Slice slice :
                  ConnectionSpread.of(
                      endpoints, ConnectionSpread.loops(settings.eventLoops, total))) {
                ConnectionVerticle verticle =
                    new ConnectionVerticle(
                        new ConnectionVerticleOptions()
                            .setNamespace(addresses.namespace())
                            .setIdPrefix(idPrefix)
                            .setFirstNumber(slice.firstNumber())
                            .setConsumeSends(false)
                            .setRampOffset(numberOffset + slice.firstNumber() - 1)
                            .setRampTotal(rampTotal)
                            .setDeferStart(true)
                            .setEndpoints(slice.endpoints()));
                verticles.add(verticle);
                // known as soon as deployed: event triggers may look them up before start ends
                deploying.add(
                    vertx
                        .deployVerticle(verticle)
                        .onSuccess(
                            id -> {
                              connectionList.addAll(verticle.connections());
                              deployedVerticles.add(verticle);
                            }));
              }
              return Future.all(deploying)
                  .compose(
                      all -> {
                        connectionsIds.addAll(all.<String>list());
                        List<Future<Void>> attached = new ArrayList<>();
                        for (ConnectionVerticle verticle : verticles) {
                          attached.add(sender.attach(verticle.context(), verticle.connections()));
                        }
                        return Future.all(attached);
                      })
                  .compose(v -> beforeRamp.apply(Collections.unmodifiableList(verticles)))
                  .compose(v -> startRamps());
            });
  }

  /**
   * Starts the ramp of every verticle once all are deployed and their senders attached, so that
   * deployment work on the loops does not delay the first handshakes; one origin for all.
   *
   * @return the ramp's origin as a {@link System#nanoTime()}
   */
  private Future<Long> startRamps() {
    if (rampOrigin > 0) {
      return startRamps(RampClock.of(rampOrigin));
    }
    // the deployments just made the JIT compile: let it finish before the first counted handshakes
    return ClientWarmUp.awaitJitIdle(vertx, JIT_IDLE_MAX_MS)
        .compose(waited -> startRamps(RampClock.now()));
  }

  private Future<Long> startRamps(RampClock origin) {
    List<Future<Void>> started = new ArrayList<>();
    for (ConnectionVerticle verticle : verticles) {
      started.add(verticle.startRamp(origin.epochMillis()));
    }
    return Future.all(started).map(v -> origin.nanos());
  }

  private Connection connection(String id) {
    for (ConnectionVerticle verticle : deployedVerticles) {
      Connection c = verticle.connection(id);
      if (c != null) {
        return c;
      }
    }
    return null;
  }

  private int runConnections() {
    return RunEndpoints.of(settings).stream().mapToInt(ConnectionOptions::getConnections).sum();
  }

  /** The connection verticles, once started (one per event loop). */
  public List<ConnectionVerticle> verticles() {
    return Collections.unmodifiableList(verticles);
  }

  /** The connections in id order, once started. */
  public List<Connection> connections() {
    return Collections.unmodifiableList(connectionList);
  }

  @Override
  public Future<Void> endAttempts() {
    List<Future<Void>> ended = new ArrayList<>();
    verticles.forEach(v -> ended.add(v.endAttempts()));
    return Future.all(ended).mapEmpty();
  }

  @Override
  public Future<Void> stopSending(Duration grace) {
    return sender == null ? Future.succeededFuture() : sender.stopSending(grace);
  }

  @Override
  public Future<Void> close() {
    List<String> connectionDeployments = new ArrayList<>(connectionsIds);
    String senderDeployment = senderId;
    connectionsIds.clear();
    senderId = null;
    List<Future<Void>> undeployed = new ArrayList<>();
    connectionDeployments.forEach(id -> undeployed.add(vertx.undeploy(id)));
    Future<Void> closed =
        Future.join(undeployed)
            .<Void>mapEmpty()
            .eventually(
                () -> sendRouter == null ? Future.succeededFuture() : sendRouter.unregister());
    return senderDeployment == null
        ? closed
        : closed.eventually(() -> vertx.undeploy(senderDeployment));
  }

  /** Stops sending at once and closes the connections (no grace); for an aborted agent. */
  public Future<Void> abort() {
    return endAttempts().eventually(() -> stopSending(Duration.ZERO)).eventually(this::close);
  }
}
