package dev.wsmon.runner.report;

import dev.wsmon.core.ConnectionEvent;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes every connection event, as it happens, to a file as JSON Lines: one JSON object per line
 * (the event's contract shape plus {@code group} and {@code state}).
 *
 * <p>It encodes and writes on a worker thread of its own (a worker verticle), never on an event
 * loop: the loops own connections, and a first JSON encoding there (Jackson builds its serializers
 * on first use) would hold up the handshakes the events report.
 */
public final class EventsJsonlWriter {

  private final Vertx vertx;
  private final String deploymentId;
  private final AtomicLong lines;

  private EventsJsonlWriter(Vertx vertx, String deploymentId, AtomicLong lines) {
    this.vertx = vertx;
    this.deploymentId = deploymentId;
    this.lines = lines;
  }

  /**
   * Opens (truncating) {@code path} and starts writing the events published on {@code address}. The
   * future completes once the consumer is registered, so no later event is missed.
   */
  public static Future<EventsJsonlWriter> open(Vertx vertx, String address, Path path) {
    AtomicLong lines = new AtomicLong();
    return vertx
        .deployVerticle(
            new Writer(address, path, lines),
            new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER))
        .map(id -> new EventsJsonlWriter(vertx, id, lines));
  }

  /** Lines written so far. */
  public long lines() {
    return lines.get();
  }

  /** Stops consuming and closes the file (flushing what is queued). */
  public Future<Void> close() {
    return vertx.undeploy(deploymentId);
  }

  /** The consumer and the file, on the worker context. */
  private static final class Writer extends VerticleBase {

    private final String address;
    private final Path path;
    private final AtomicLong lines;
    private AsyncFile file;
    private MessageConsumer<ConnectionEvent> consumer;

    Writer(String address, Path path, AtomicLong lines) {
      this.address = address;
      this.path = path;
      this.lines = lines;
    }

    @Override
    public Future<?> start() {
      Path parent = path.toAbsolutePath().getParent();
      Future<Void> dirs =
          parent == null ? Future.succeededFuture() : vertx.fileSystem().mkdirs(parent.toString());
      return dirs.compose(
              v ->
                  vertx
                      .fileSystem()
                      .open(
                          path.toString(),
                          new OpenOptions()
                              .setWrite(true)
                              .setCreate(true)
                              .setTruncateExisting(true)))
          .compose(
              opened -> {
                file = opened;
                consumer =
                    vertx
                        .eventBus()
                        .<ConnectionEvent>localConsumer(address)
                        .handler(msg -> write(msg.body()));
                return consumer.completion();
              });
    }

    private void write(ConnectionEvent event) {
      file.write(Buffer.buffer(event.toWireJson().encode()).appendByte((byte) '\n'));
      lines.incrementAndGet();
    }

    @Override
    public Future<?> stop() {
      Future<Void> unregistered =
          consumer == null ? Future.succeededFuture() : consumer.unregister();
      return unregistered.eventually(() -> file == null ? Future.succeededFuture() : file.close());
    }
  }
}
