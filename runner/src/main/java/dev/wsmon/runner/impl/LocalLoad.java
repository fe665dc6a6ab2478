package dev.wsmon.runner.impl;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.Connection;
import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.ConnectionVerticle;
import dev.wsmon.core.ConnectionVerticleOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The connections and senders of a run in this JVM: one {@link ConnectionVerticle} (ids {@code
 * <idPrefix>c-N}) and one sender. Used by {@code wsmon run} and by each cluster agent.
 */
public final class LocalLoad implements RunLoad {

  private final RunSettings settings;
  private final String idPrefix;
  private final int numberOffset;
  private Vertx vertx;
  private SenderVerticle sender;
  private ConnectionVerticle connections;
  private String connectionsId;
  private String senderId;

  /**
   * @param settings the run's settings (payload, rate, hold)
   * @param idPrefix the connection id prefix, empty outside cluster runs
   */
  public LocalLoad(RunSettings settings, String idPrefix) {
    this(settings, idPrefix, 0);
  }

  /**
   * @param settings the run's settings (payload, rate, hold)
   * @param idPrefix the connection id prefix
   * @param numberOffset added to the local connection number for {@code {conn}} in the payload, so
   *     that it stays the run-wide number on a cluster agent
   */
  public LocalLoad(RunSettings settings, String idPrefix, int numberOffset) {
    this.settings = settings;
    this.idPrefix = idPrefix;
    this.numberOffset = numberOffset;
  }

  @Override
  public Future<Long> start(
      Vertx vertx, Addresses addresses, List<ConnectionOptions> endpoints, Consumer<String> end) {
    this.vertx = vertx;
    sender = new SenderVerticle(settings, addresses.events(), numberOffset);
    return vertx
        .deployVerticle(sender)
        .compose(
            deployed -> {
              senderId = deployed;
              long startNanos = System.nanoTime();
              connections =
                  new ConnectionVerticle(
                      new ConnectionVerticleOptions()
                          .setNamespace(addresses.namespace())
                          .setIdPrefix(idPrefix)
                          .setEndpoints(endpoints));
              return vertx
                  .deployVerticle(connections)
                  .compose(
                      id -> {
                        connectionsId = id;
                        return sender.attach(connections.connections());
                      })
                  .map(v -> startNanos);
            });
  }

  /** The connections, once started. */
  public List<Connection> connections() {
    return connections == null ? List.of() : connections.connections();
  }

  @Override
  public Future<Void> stopSending(Duration grace) {
    return sender == null ? Future.succeededFuture() : sender.stopSending(grace);
  }

  @Override
  public Future<Void> close() {
    String connectionsDeployment = connectionsId;
    String senderDeployment = senderId;
    connectionsId = null;
    senderId = null;
    Future<Void> closed =
        connectionsDeployment == null
            ? Future.succeededFuture()
            : vertx.undeploy(connectionsDeployment);
    return senderDeployment == null
        ? closed
        : closed.eventually(() -> vertx.undeploy(senderDeployment));
  }

  /** Stops sending at once and closes the connections (no grace); for an aborted agent. */
  public Future<Void> abort() {
    return stopSending(Duration.ZERO).eventually(this::close);
  }
}
