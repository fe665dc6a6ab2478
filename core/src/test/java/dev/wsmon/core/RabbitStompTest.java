package dev.wsmon.core;

import static dev.wsmon.core.ConnectionLifecycleTest.fastPolicy;
import static dev.wsmon.core.TrafficTest.deployFast;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.protocol.Protocol;
import dev.wsmon.core.protocol.ProtocolOptions;
import dev.wsmon.core.protocol.StompOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * STOMP against RabbitMQ's web-STOMP plugin (Debian {@code rabbitmq-server}), in the {@code broker}
 * profile ({@code mvn -Pbroker verify -pl core -am}). The broker runs as user {@code rabbitmq} (the
 * Debian wrapper's choice) from a private directory on free ports, and is stopped after the class.
 */
@Tag("broker")
@ExtendWith(VertxExtension.class)
@Timeout(180)
@DisplayName("STOMP 1.2 against RabbitMQ web-STOMP")
class RabbitStompTest {

  private static final String NODE = "wsmon-test-" + ProcessHandle.current().pid() + "@localhost";
  private static Path dir;
  private static int stompPort;
  private static Process broker;

  @BeforeAll
  static void startBroker() throws Exception {
    dir = Files.createTempDirectory("wsmon-rabbit");
    int amqpPort = freePort();
    stompPort = freePort();
    int distPort = freePort();
    Files.writeString(dir.resolve("enabled_plugins"), "[rabbitmq_web_stomp].\n");
    Files.writeString(
        dir.resolve("rabbitmq.conf"),
        "listeners.tcp.default = "
            + amqpPort
            + "\nweb_stomp.tcp.port = "
            + stompPort
            + "\nweb_stomp.tcp.ip = 127.0.0.1\n");
    new ProcessBuilder("chown", "-R", "rabbitmq:rabbitmq", dir.toString()).start().waitFor();
    ProcessBuilder pb = new ProcessBuilder("rabbitmq-server").redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("server.out").toFile());
    pb.environment().put("RABBITMQ_NODENAME", NODE);
    pb.environment().put("RABBITMQ_BASE", dir.toString());
    pb.environment().put("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString());
    pb.environment().put("RABBITMQ_LOG_BASE", dir.resolve("log").toString());
    pb.environment().put("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq").toString());
    pb.environment()
        .put("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString());
    pb.environment().put("RABBITMQ_DIST_PORT", String.valueOf(distPort));
    pb.environment().put("RABBITMQ_PID_FILE", dir.resolve("pid").toString());
    broker = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!listening(stompPort)) {
      if (!broker.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "RabbitMQ did not start: " + Files.readString(dir.resolve("server.out")));
      }
      broker.waitFor(250, TimeUnit.MILLISECONDS);
    }
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (broker != null) {
      new ProcessBuilder("rabbitmqctl", "-n", NODE, "stop")
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("stop.out").toFile())
          .start()
          .waitFor(60, TimeUnit.SECONDS);
      broker.destroy();
      broker.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static ConnectionOptions endpoint(String passcode) {
    return new ConnectionOptions("ws://127.0.0.1:" + stompPort + "/ws")
        .setReconnectPolicy(fastPolicy(1))
        .setProtocolOptions(
            new ProtocolOptions()
                .setProtocol(Protocol.STOMP)
                .setStomp(
                    new StompOptions()
                        .setLogin("guest")
                        .setPasscode(passcode)
                        .setHost("/")
                        .setDestination("/topic/wsmon")));
  }

  @Test
  @DisplayName("25 SENDs with receipts to a topic it subscribed: 25 round trips, 25 MESSAGEs")
  void receiptsAndMessages(Vertx vertx) {
    EventRecorder rec = new EventRecorder(vertx);
    Connection c = deployFast(vertx, endpoint("guest")).connection("c-1");
    rec.await(r -> r.count(EventType.CONNECTED) == 1, 60);

    List<Future<String>> replies = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      replies.add(c.request("{\"n\":" + i + "}", Duration.ofSeconds(20)));
    }
    Future.all(replies).await();

    rec.await(r -> ProtocolCounts.of(r, "c-1").messages("/topic/wsmon") == 25, 60);
    rec.await(r -> ProtocolCounts.of(r, "c-1").rttCount == 25, 60);
    assertThat(rec.totals("c-1")[0]).isEqualTo(25);
    assertThat(rec.totals("c-1")[1]).isEqualTo(50);
  }

  @Test
  @DisplayName("a wrong passcode fails the attempt with the broker's ERROR message")
  void wrongLogin(Vertx vertx) {
    EventRecorder rec = new EventRecorder(vertx);
    deployFast(vertx, endpoint("wrong"));

    rec.await(r -> r.count(EventType.GAVE_UP) == 1, 60);

    assertThat(rec.of(EventType.CONNECTED)).isEmpty();
    assertThat(rec.of(EventType.FAILED))
        .hasSize(2)
        .allSatisfy(e -> assertThat(e.reason()).startsWith("ERROR: Bad CONNECT: Access refused"));
  }
}
