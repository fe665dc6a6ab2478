package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.stomp.Command;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(90)
@DisplayName("wsmon run --protocol: a STOMP run against vertx-stomp's broker, bad protocol input")
class RunProtocolTest {

  @TempDir Path dir;

  @Test
  @DisplayName(
      "--protocol stomp with --send: SENDs with receipts (round trips by receipt id), MESSAGEs per"
          + " destination; every count equals the broker's")
  void stompRun(Vertx vertx) throws Exception {
    StompBridge broker = StompBridge.start(vertx);
    Path config = dir.resolve("stomp.yaml");
    Files.writeString(config, "stomp: {destination: /topic/x, heartbeatOutgoing: 1s}\n");
    Path json = dir.resolve("out.json");

    Cli cli =
        Cli.run(
            "run",
            broker.uri(),
            "--protocol",
            "stomp",
            "--config",
            config.toString(),
            "-c",
            "1",
            "--send",
            "{\"n\":{seq}}",
            "--rate",
            "20",
            "-d",
            "10s",
            "--export-json",
            json.toString());

    assertThat(cli.code).as(cli.toString()).isZero();
    JsonObject total = new JsonObject(Files.readString(json)).getJsonObject("total");
    long sent = total.getLong("messages_sent");
    assertThat(sent).isPositive().isEqualTo(broker.received(Command.SEND));
    assertThat(total.getJsonObject("rtt_ms").getLong("count")).isEqualTo(sent);
    JsonObject protocol = total.getJsonObject("protocol");
    assertThat(protocol.getString("name")).isEqualTo("stomp");
    assertThat(protocol.getJsonObject("handshake_latency_ms").getLong("count")).isEqualTo(1);
    long messages =
        protocol.getJsonObject("channels").getJsonObject("/topic/x").getLong("messages_received");
    // one subscriber: every MESSAGE comes from its own SENDs, all before its DISCONNECT
    assertThat(messages).isEqualTo(broker.written(Command.MESSAGE)).isEqualTo(sent);
    assertThat(total.getLong("messages_received"))
        .as("MESSAGEs and receipts; the DISCONNECT receipt is control")
        .isEqualTo(messages + broker.written(Command.RECEIPT) - 1);
    assertThat(broker.received(Command.DISCONNECT)).isEqualTo(1);
  }

  @Test
  @DisplayName("bad protocol input exits 2 naming the value")
  void badInput() {
    Cli unknown = Cli.run("run", "ws://127.0.0.1:1/", "--protocol", "mqtt", "-d", "1s");
    assertThat(unknown.code).isEqualTo(2);
    assertThat(unknown.err).contains("'mqtt'");
    Cli noDestination =
        Cli.run("run", "ws://127.0.0.1:1/", "--protocol", "stomp", "--send", "x", "-d", "1s");
    assertThat(noDestination.code).isEqualTo(2);
    assertThat(noDestination.err).contains("stomp.destination");
  }
}
