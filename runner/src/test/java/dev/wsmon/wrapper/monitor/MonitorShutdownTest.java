package dev.wsmon.wrapper.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.wsmon.core.EventType;
import dev.wsmon.testkit.EchoServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("monitor shutdown: connections first, nothing discarded")
class MonitorShutdownTest {

  private static final int CONNECTIONS = 40;

  @Test
  @DisplayName(
      "shutdown() with 40 open connections: their CLOSED events reach the tracker; no 'Discarding"
          + " message' WARN (as wsmon monitor's Ctrl-C printed)")
  void nothingDiscarded(Vertx vertx) {
    EchoServer server = EchoServer.deploy(vertx).await();
    MonitorEvents events = new MonitorEvents(vertx, MonitorFixture.NS);
    MonitorVerticle monitor =
        MonitorVerticle.deploy(vertx, MonitorFixture.options(server, CONNECTIONS)).await();
    events.await(e -> e.count(EventType.CONNECTED) == CONNECTIONS);
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    try {
      monitor.shutdown().await();
    } finally {
      root.detachAppender(logs);
    }

    assertThat(vertx.deploymentIDs()).doesNotContain(monitor.deploymentID());
    assertThat(logs.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .noneMatch(m -> m.contains("Discarding message"));
    events.await(e -> e.count(EventType.CLOSED) == CONNECTIONS);
    server.close().await();
  }
}
