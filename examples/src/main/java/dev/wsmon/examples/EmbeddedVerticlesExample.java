package dev.wsmon.examples;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.ConnectionVerticle;
import dev.wsmon.core.ConnectionVerticleOptions;
import dev.wsmon.tracker.StatsTrackerVerticle;
import dev.wsmon.tracker.TrackerOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * wsmon inside your own Vert.x application: deploy a {@link StatsTrackerVerticle} and a {@link
 * ConnectionVerticle} yourself, and talk to them over the event bus from another verticle: send
 * through {@code wsmon.send} and query {@code wsmon.stats}.
 */
public final class EmbeddedVerticlesExample {

  private EmbeddedVerticlesExample() {}

  /**
   * Runs the example, shuts it down in order and closes Vert.x.
   *
   * @param args the echo server URI (default {@code ws://127.0.0.1:8080/})
   */
  public static void main(String[] args) {
    String uri = args.length > 0 ? args[0] : "ws://127.0.0.1:8080/";
    Vertx vertx = Vertx.vertx();
    try {
      run(vertx, uri, 5, System.out).await();
    } finally {
      vertx.close().await();
    }
  }

  /**
   * Deploys the tracker, the connections and a {@link ReporterVerticle}, which sends {@code
   * messages} messages through {@code wsmon.send} once connected and completes when they are all
   * echoed; then shuts down in the order that loses nothing: the reporter, the connections (they
   * close with 1000 and publish their {@code CLOSED} events and last traffic batch), a last {@code
   * wsmon.stats} request (the tracker answers it after those, which it received first), and the
   * tracker. Closing Vert.x with everything still deployed would undeploy them all at once, and a
   * tracker gone before the connections' last events logs "Discarding message since the consumer is
   * not registered".
   *
   * @param vertx your Vert.x
   * @param uri the echo server
   * @param messages how many messages to send
   * @param out where the reporter prints
   * @return the final {@code wsmon.stats} reply, taken after the connections closed
   */
  public static Future<JsonObject> run(Vertx vertx, String uri, int messages, PrintStream out) {
    Promise<JsonObject> done = Promise.promise();
    List<String> deployed = new ArrayList<>();
    return vertx
        .deployVerticle(new StatsTrackerVerticle(new TrackerOptions().setLogStats(false)))
        .compose(
            id -> {
              deployed.add(id);
              return vertx.deployVerticle(
                  new ConnectionVerticle(
                      new ConnectionVerticleOptions()
                          .addEndpoint(new ConnectionOptions(uri).setConnections(1))));
            })
        .compose(
            id -> {
              deployed.add(id);
              return vertx.deployVerticle(new ReporterVerticle(messages, out, done));
            })
        .compose(
            id -> {
              deployed.add(id);
              return done.future();
            })
        .compose(
            stats -> shutDown(vertx, deployed),
            failure -> shutDown(vertx, deployed).transform(v -> Future.failedFuture(failure)));
  }

  /** Undeploys the reporter, then the connections, takes the final stats, then the tracker. */
  private static Future<JsonObject> shutDown(Vertx vertx, List<String> deployed) {
    Future<Void> undeployed = Future.succeededFuture();
    for (int i = deployed.size() - 1; i >= 1; i--) {
      String id = deployed.get(i);
      undeployed = undeployed.compose(v -> vertx.undeploy(id));
    }
    return undeployed
        .compose(
            v ->
                vertx
                    .eventBus()
                    .<JsonObject>request(Addresses.defaults().stats(), new JsonObject()))
        .map(Message::body)
        .compose(
            stats ->
                deployed.isEmpty()
                    ? Future.succeededFuture(stats)
                    : vertx.undeploy(deployed.get(0)).map(stats));
  }

  /** Sends through {@code wsmon.send} and polls {@code wsmon.stats}, only over the event bus. */
  public static final class ReporterVerticle extends VerticleBase {

    private final int messages;
    private final PrintStream out;
    private final Promise<JsonObject> done;
    private final Addresses addresses = Addresses.defaults();
    private long timer;
    private boolean sent;

    ReporterVerticle(int messages, PrintStream out, Promise<JsonObject> done) {
      this.messages = messages;
      this.out = out;
      this.done = done;
    }

    @Override
    public Future<?> start() {
      timer = vertx.setPeriodic(100, id -> poll());
      return Future.succeededFuture();
    }

    private void poll() {
      vertx
          .eventBus()
          .<JsonObject>request(addresses.stats(), new JsonObject())
          .onSuccess(
              reply -> {
                JsonObject total = reply.body().getJsonObject("total");
                out.printf(
                    "connected %d/%d, sent %d, received %d%n",
                    total.getLong("connected"),
                    total.getLong("connections"),
                    total.getLong("messages_sent"),
                    total.getLong("messages_received"));
                if (!sent && Boolean.TRUE.equals(total.getBoolean("is_connected"))) {
                  sent = true;
                  for (int i = 0; i < messages; i++) {
                    vertx
                        .eventBus()
                        .request(
                            addresses.send(),
                            "hello " + i,
                            new DeliveryOptions().addHeader(Addresses.CONNECTION_ID_HEADER, "c-1"));
                  }
                }
                if (total.getLong("messages_received") >= messages) {
                  vertx.cancelTimer(timer);
                  done.tryComplete(reply.body());
                }
              });
    }

    @Override
    public Future<?> stop() {
      vertx.cancelTimer(timer);
      return Future.succeededFuture();
    }
  }
}
