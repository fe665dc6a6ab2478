package dev.wsmon.runner.report;

import dev.wsmon.core.ConnectionEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import java.nio.file.Path;

/**
 * Writes every connection event, as it happens, to a file as JSON Lines: one JSON object per line
 * (the event's contract shape plus {@code group} and {@code state}).
 */
public final class EventsJsonlWriter {

  private final AsyncFile file;
  private final MessageConsumer<ConnectionEvent> consumer;
  private long lines;

  private EventsJsonlWriter(AsyncFile file, MessageConsumer<ConnectionEvent> consumer) {
    this.file = file;
    this.consumer = consumer;
  }

  /**
   * Opens (truncating) {@code path} and starts writing the events published on {@code address}. The
   * future completes once the consumer is registered, so no later event is missed.
   */
  public static Future<EventsJsonlWriter> open(Vertx vertx, String address, Path path) {
    Path parent = path.toAbsolutePath().getParent();
    Future<Void> dirs =
        parent == null ? Future.succeededFuture() : vertx.fileSystem().mkdirs(parent.toString());
    return dirs.compose(
        v ->
            vertx
                .fileSystem()
                .open(
                    path.toString(),
                    new OpenOptions().setWrite(true).setCreate(true).setTruncateExisting(true))
                .compose(
                    file -> {
                      EventsJsonlWriter[] holder = new EventsJsonlWriter[1];
                      MessageConsumer<ConnectionEvent> consumer =
                          vertx
                              .eventBus()
                              .<ConnectionEvent>localConsumer(address)
                              .handler(msg -> holder[0].write(msg.body()));
                      holder[0] = new EventsJsonlWriter(file, consumer);
                      return consumer.completion().map(x -> holder[0]);
                    }));
  }

  private void write(ConnectionEvent event) {
    lines++;
    file.write(Buffer.buffer(event.toWireJson().encode()).appendByte((byte) '\n'));
  }

  /** Lines written so far. */
  public long lines() {
    return lines;
  }

  /** Stops consuming and closes the file (flushing what is queued). */
  public Future<Void> close() {
    return consumer.unregister().eventually(file::close);
  }
}
