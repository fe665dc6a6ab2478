package dev.wsmon.wrapper.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.EventType;
import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import dev.wsmon.testkit.FaultSpec;
import dev.wsmon.testkit.support.Waits;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The monitor's outputs of one moment, before and after a {@code stats.reset} on the event bus:
 * {@code /stats}, {@code /stats.csv}, the event bus's {@code stats} answer, the HTML export and the
 * Prometheus {@code /metrics}.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("monitor outputs agree, before and after stats.reset")
class MonitorOutputsResetTest {

  private static final Addresses NS = Addresses.of(MonitorFixture.NS);

  @Test
  @DisplayName(
      "close-after=3:4001, 2 connections: JSON, CSV, event bus and HTML equal the server's counts;"
          + " after a reset they count from it while the meters stay monotonic (before + after);"
          + " the monitor's uptime keys stay")
  void beforeAndAfterReset(Vertx vertx) {
    EchoServer server =
        EchoServer.deploy(
                vertx, new EchoServerOptions().setFaults(FaultSpec.parse("close-after=3:4001:bye")))
            .await();
    MonitorOptions options = MonitorFixture.options(server, 2);
    options.getEndpoints().forEach(e -> e.setPingInterval(Duration.ZERO));
    MonitorEvents events = new MonitorEvents(vertx, MonitorFixture.NS);
    MonitorVerticle monitor = MonitorVerticle.deploy(vertx, options).await();
    events.await(e -> e.count(EventType.CONNECTED) == 2);
    WebClient http = MonitorFixture.client(vertx, monitor);

    sendThree(vertx);
    events.await(e -> e.count(EventType.CONNECTED) == 4);
    server.statsWhen(s -> s.textMessagesSent() == 6, Duration.ofSeconds(10)).await();
    JsonObject before = settled(vertx, http, 6, 2);
    Counts first = Counts.of(before);
    assertThat(first).isEqualTo(new Counts(4, 4, 2, 2, 6, 6, Map.of("4001", 2L)));
    agree(vertx, http, before, first, first);
    JsonObject uptime = before.getJsonObject("total");

    JsonObject reply =
        vertx.eventBus().<JsonObject>request(NS.statsReset(), new JsonObject()).await().body();
    assertThat(reply.getBoolean("reset")).isTrue();
    sendThree(vertx);
    events.await(e -> e.count(EventType.CONNECTED) == 6);
    server.statsWhen(s -> s.textMessagesSent() == 12, Duration.ofSeconds(10)).await();
    JsonObject after = settled(vertx, http, 6, 2);
    Counts second = Counts.of(after);
    assertThat(second).isEqualTo(new Counts(2, 2, 2, 2, 6, 6, Map.of("4001", 2L)));
    agree(vertx, http, after, second, new Counts(6, 6, 4, 4, 12, 12, Map.of("4001", 4L)));
    JsonObject total = after.getJsonObject("total");
    assertThat(total.getString("started_at")).isNotEqualTo(before.getString("started_at"));
    assertThat(total.getDouble("uptime_ratio"))
        .as("the monitor's own, kept over a reset")
        .isNotNull();
    assertThat(total.getJsonObject("last_outage")).isNotNull();
    assertThat(uptime.getJsonObject("last_outage")).isNotNull();
  }

  /** Three echoes on each connection: the third makes the server close with 4001. */
  private static void sendThree(Vertx vertx) {
    for (String id : List.of("c-1", "c-2")) {
      for (int i = 0; i < 3; i++) {
        vertx
            .eventBus()
            .request(NS.send(), "m" + i, new DeliveryOptions().addHeader("connection_id", id))
            .await();
      }
    }
  }

  /** {@code /stats} once the last batch counted the echoes and both connections are back. */
  private static JsonObject settled(Vertx vertx, WebClient http, long received, int connected) {
    return Waits.until(
            vertx,
            () -> http.get("/stats").send().map(r -> r.bodyAsJsonObject()),
            s ->
                s.getJsonObject("total").getLong("messages_received") == received
                    && s.getJsonObject("total").getInteger("connected") == connected,
            Duration.ofSeconds(10))
        .await();
  }

  /** CSV, event bus and HTML say what {@code /stats} says; the meters say {@code meters}. */
  private static void agree(
      Vertx vertx, WebClient http, JsonObject stats, Counts counts, Counts meters) {
    String csv = http.get("/stats.csv").send().await().bodyAsString();
    assertThat(Counts.ofCsv(csv)).isEqualTo(counts);
    JsonObject bus =
        vertx.eventBus().<JsonObject>request(NS.stats(), new JsonObject()).await().body();
    assertThat(Counts.of(bus)).isEqualTo(counts);
    String html =
        vertx
            .eventBus()
            .<String>request(NS.export(), new JsonObject().put("format", "html"))
            .await()
            .body();
    assertThat(html)
        .contains("data-format=\"int\">" + counts.attempts + "</span> attempts")
        .contains("data-metric=\"disconnections\" data-format=\"int\">" + counts.disconnections)
        .contains("data-metric=\"messages_sent\" data-format=\"int\">" + counts.sent + "<")
        .contains("data-metric=\"messages_received\" data-format=\"int\">" + counts.received + "<");
    String prometheus = http.get("/metrics").send().await().bodyAsString();
    assertThat(Counts.ofPrometheus(prometheus)).isEqualTo(meters);
    assertThat(value(prometheus, "wsmon_connections_active")).isEqualTo(2.0);
    assertThat(stats.getJsonObject("total").getInteger("connected")).isEqualTo(2);
  }

  private static Double value(String prometheus, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*\\} (\\S+)$").matcher(prometheus);
    double sum = 0;
    boolean found = false;
    while (m.find()) {
      sum += Double.parseDouble(m.group(1));
      found = true;
    }
    return found ? sum : null;
  }

  record Counts(
      long attempts,
      long successes,
      long disconnections,
      long reconnections,
      long sent,
      long received,
      Map<String, Long> closeCodes) {

    static Counts of(JsonObject snapshot) {
      JsonObject t = snapshot.getJsonObject("total");
      Map<String, Long> codes = new HashMap<>();
      t.getJsonObject("close_codes")
          .forEach(e -> codes.put(e.getKey(), ((Number) e.getValue()).longValue()));
      return new Counts(
          t.getLong("connection_attempts"),
          t.getLong("successful_connections"),
          t.getLong("disconnections"),
          t.getLong("reconnections"),
          t.getLong("messages_sent"),
          t.getLong("messages_received"),
          codes);
    }

    static Counts ofCsv(String csv) {
      String[] lines = csv.split("\r?\n");
      List<String> header = List.of(lines[0].split(",", -1));
      String[] total = lines[1].split(",", -1);
      assertThat(total[0]).isEqualTo("total");
      Map<String, Long> codes = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        if (header.get(i).startsWith("close_codes_") && !total[i].isEmpty()) {
          codes.put(header.get(i).substring("close_codes_".length()), Long.parseLong(total[i]));
        }
      }
      return new Counts(
          Long.parseLong(total[header.indexOf("connection_attempts")]),
          Long.parseLong(total[header.indexOf("successful_connections")]),
          Long.parseLong(total[header.indexOf("disconnections")]),
          Long.parseLong(total[header.indexOf("reconnections")]),
          Long.parseLong(total[header.indexOf("messages_sent")]),
          Long.parseLong(total[header.indexOf("messages_received")]),
          codes);
    }

    static Counts ofPrometheus(String text) {
      Map<String, Long> codes = new HashMap<>();
      Matcher m =
          Pattern.compile("(?m)^wsmon_close_codes_total\\{code=\"(\\d+)\"[^}]*\\} (\\S+)$")
              .matcher(text);
      while (m.find()) {
        codes.merge(m.group(1), (long) Double.parseDouble(m.group(2)), Long::sum);
      }
      return new Counts(
          (long) (double) value(text, "wsmon_connection_attempts_total"),
          (long) (double) value(text, "wsmon_connection_successes_total"),
          (long) (double) value(text, "wsmon_connection_disconnections_total"),
          (long) (double) value(text, "wsmon_connection_reconnections_total"),
          (long) (double) value(text, "wsmon_messages_sent_total"),
          (long) (double) value(text, "wsmon_messages_received_total"),
          codes);
    }
  }
}
