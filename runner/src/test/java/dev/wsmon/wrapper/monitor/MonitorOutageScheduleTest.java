package dev.wsmon.wrapper.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.EventType;
import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.FaultSpec;
import dev.wsmon.testkit.support.Waits;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("monitor against a server on an outage schedule (serve --fault outage=700ms/1700ms)")
class MonitorOutageScheduleTest {

  private static final int OUTAGES = 3;

  @Test
  @DisplayName(
      "3 outages of 700 ms, 2 connections: per connection exactly DOWN, UP three times (nothing at"
          + " start), each 'since' the event's time; last_outage lasts the outage plus the"
          + " reconnect; uptime_ratio equals the up time the events show")
  void outageSchedule(Vertx vertx) {
    NotifyReceiver receiver = new NotifyReceiver(vertx);
    EchoServer server = EchoServer.deploy(vertx).await();
    MonitorEvents events = new MonitorEvents(vertx, MonitorFixture.NS);
    MonitorOptions options =
        MonitorFixture.options(server, 2)
            .addNotify(new NotifyTarget(receiver.url("/hook")))
            .setNotifyAfter(Duration.ofMillis(200));
    MonitorVerticle monitor = MonitorVerticle.deploy(vertx, options).await();
    events.await(e -> e.count(EventType.CONNECTED) == 2);

    server.faults(FaultSpec.parse("outage=700ms/1700ms"));
    events.await(
        e ->
            e.count(EventType.DISCONNECTED) == 2 * OUTAGES
                && e.count(EventType.CONNECTED) == 2 + 2 * OUTAGES,
        30);
    server.faults(new FaultSpec());
    receiver.await(r -> r.size() == 4 * OUTAGES);
    quietFor(vertx, 500);

    assertThat(receiver.received()).hasSize(4 * OUTAGES);
    for (String id : List.of("c-1", "c-2")) {
      List<JsonObject> mine = new ArrayList<>();
      for (NotifyReceiver.Received r : receiver.received()) {
        if (r.body().getString("connection_id").equals(id)) {
          mine.add(r.body());
        }
      }
      List<ConnectionEvent> lost = of(events, EventType.DISCONNECTED, id);
      List<ConnectionEvent> back = of(events, EventType.CONNECTED, id);
      assertThat(mine)
          .extracting(b -> b.getString("state"))
          .containsExactly("DOWN", "UP", "DOWN", "UP", "DOWN", "UP");
      for (int k = 0; k < OUTAGES; k++) {
        assertThat(Instant.parse(mine.get(2 * k).getString("since")))
            .isEqualTo(lost.get(k).timestamp());
        assertThat(mine.get(2 * k).getInteger("last_close_code")).isEqualTo(1006);
        assertThat(Instant.parse(mine.get(2 * k + 1).getString("since")))
            .isEqualTo(back.get(k + 1).timestamp());
      }
    }

    WebClient client = MonitorFixture.client(vertx, monitor);
    JsonObject stats =
        Waits.until(
                vertx,
                () -> client.get("/stats").send().map(r -> r.bodyAsJsonObject()),
                s -> s.getJsonObject("total").getInteger("connected") == 2,
                Duration.ofSeconds(10))
            .await();
    Instant asked = Instant.now();
    JsonObject total = stats.getJsonObject("total");
    JsonObject outage = total.getJsonObject("last_outage");
    double down = outage.getDouble("duration_seconds");
    assertThat(down)
        .as("the server's 700 ms, plus the reconnect (<= 200 ms backoff)")
        .isBetween(0.69, 1.6);
    assertThat(outage.getString("reason")).startsWith("c-");
    assertThat(Instant.parse(outage.getString("started_at")))
        .isEqualTo(events.of(EventType.DISCONNECTED).get(2 * OUTAGES - 2).timestamp());

    // the up time the events show: both connected, from the first verdict (both connected)
    double up = 0;
    int connected = 0;
    Instant since = null;
    Instant first = null;
    for (ConnectionEvent e : events.events()) {
      if (e.type() == EventType.CONNECTED) {
        connected++;
        if (connected == 2) {
          since = e.timestamp();
          first = first == null ? since : first;
        }
      } else if (e.type() == EventType.DISCONNECTED) {
        if (connected == 2) {
          up += Duration.between(since, e.timestamp()).toNanos() / 1e9;
        }
        connected--;
      }
    }
    up += Duration.between(since, asked).toNanos() / 1e9;
    double span = Duration.between(first, asked).toNanos() / 1e9;
    assertThat(total.getDouble("uptime_ratio")).isCloseTo(up / span, within(0.03));
    assertThat(total.getInteger("disconnections")).isEqualTo(2 * OUTAGES);
    assertThat(total.getInteger("reconnections")).isEqualTo(2 * OUTAGES);
    assertThat(total.getJsonObject("close_codes").getInteger("1006")).isEqualTo(2 * OUTAGES);
    assertThat(monitor.notifier().sent()).isEqualTo(4 * OUTAGES);
  }

  private static List<ConnectionEvent> of(MonitorEvents events, EventType type, String id) {
    return events.of(type).stream().filter(e -> e.connectionId().equals(id)).toList();
  }

  private static void quietFor(Vertx vertx, long ms) {
    Promise<Void> p = Promise.promise();
    vertx.setTimer(ms, t -> p.complete());
    p.future().await();
  }
}
