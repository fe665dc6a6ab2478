package dev.wsmon.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import io.vertx.core.Vertx;
import io.vertx.core.internal.logging.LoggerFactory;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(90)
@DisplayName("the embedded example shuts down losing nothing and warning about nothing")
class EmbeddedShutdownTest {

  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            warnings.add(record.getLoggerName() + ": " + record.getMessage());
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private Vertx serverVertx;
  private EchoServer server;

  @BeforeEach
  void start() {
    Logger.getLogger("").addHandler(capture);
    serverVertx = Vertx.vertx();
    server = EchoServer.deploy(serverVertx).await();
  }

  @AfterEach
  void stop() {
    Logger.getLogger("").removeHandler(capture);
    serverVertx.close().await();
  }

  @Test
  @DisplayName(
      "main(): no 'Discarding message' WARN on wsmon.events, and the capture does see WARNs")
  void noDiscardWarning() {
    // the capture sees what Vert.x logs (Vert.x logs through JUL in this module)
    LoggerFactory.getLogger(EmbeddedShutdownTest.class).warn("probe");
    assertThat(warnings).as("the log capture works").anyMatch(w -> w.contains("probe"));
    warnings.clear();

    EmbeddedVerticlesExample.main(new String[] {server.uri("/")});

    assertThat(warnings).as("warnings while the example ran and shut down").isEmpty();
  }

  @Test
  @DisplayName("run(): the final stats hold the connection's CLOSED event and every echo")
  void losesNothing() {
    Vertx vertx = Vertx.vertx();
    try {
      JsonObject stats =
          EmbeddedVerticlesExample.run(
                  vertx, server.uri("/"), 5, new PrintStream(OutputStream.nullOutputStream()))
              .await();
      assertThat(stats.getJsonObject("total").getLong("messages_received")).isEqualTo(5);
      assertThat(stats.getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("type")))
          .contains("CLOSED");
      assertThat(vertx.deploymentIDs()).as("nothing left deployed").isEmpty();
    } finally {
      vertx.close().await();
    }
    assertThat(warnings).isEmpty();
  }
}
