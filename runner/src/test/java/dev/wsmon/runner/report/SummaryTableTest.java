package dev.wsmon.runner.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SummaryTableTest {

  @Test
  void showsCountsCloseCodesPercentilesAndGroups() {
    String text = SummaryTable.render(Snapshots.sample());
    assertThat(text)
        .contains("wsmon summary: 20.0 s, 10 connections")
        .contains("9 of 10")
        .contains("81 (Good)")
        .contains("success rate 92.86 %")
        .contains("1006 x1, 4001 x2")
        .contains("sent 1000 (50.0/s)")
        .containsPattern("round trip\\s+998\\s+0.425\\s+0.850\\s+0.850\\s+4.321")
        .containsPattern("ping\\s+0\\s+-\\s+-")
        .contains("ws://127.0.0.1:1/a")
        .contains("c-2 RECONNECTING");
  }

  @Test
  void ratesPerSecondOfSendingAbandonedAndScheduledLatencies() {
    JsonObject snapshot = Snapshots.sample();
    snapshot
        .getJsonObject("total")
        .put("requests_abandoned", 7)
        .put("attempts_abandoned", 3)
        .put("rtt_actual_ms", Snapshots.latency(998L, 0.4, 0.8))
        .put("send_lag_ms", Snapshots.latency(998L, 0.01, 0.02));
    String text = SummaryTable.render(snapshot, 8.0);
    assertThat(text)
        .contains("sent 1000 (125.0/s)")
        .contains("per second of the 8.0 s of sending")
        .contains("abandoned 7")
        .containsPattern("failures \\d+   abandoned 3   success rate")
        .containsPattern("from actual send\\s+998")
        .containsPattern("send lag\\s+998");
    assertThat(SummaryTable.render(Snapshots.sample())).doesNotContain("send lag");
  }

  @Test
  void showsTheProtocolBlock() {
    JsonObject snapshot = Snapshots.sample();
    snapshot
        .getJsonObject("total")
        .put(
            "protocol",
            new JsonObject()
                .put("name", "graphql-ws")
                .put("handshake_latency_ms", Snapshots.latency(2L, 1.5, 2.5))
                .put("heartbeats_sent", 10)
                .put("heartbeats_received", 9)
                .put("errors", 12)
                .put(
                    "error_reasons",
                    new JsonObject()
                        .put("heartbeat silence", 2)
                        .put("error: Cannot query field \"nope\" on type \"Query\".", 10))
                .put("channels", new JsonObject()));
    String text = SummaryTable.render(snapshot);
    assertThat(text)
        .contains(
            "protocol          graphql-ws   errors 12 (error: Cannot query field \"nope\" on type"
                + " \"Query\". x10, heartbeat silence x2)   heartbeats sent 10   received 9")
        .containsPattern("protocol handshake\\s+2\\s+");
    assertThat(SummaryTable.render(Snapshots.sample()))
        .doesNotContain("heartbeats")
        .doesNotContain("protocol handshake");
  }

  @Test
  void showsScheduledCallsWhenPresent() {
    JsonObject snapshot = Snapshots.sample();
    snapshot.put(
        "scheduled_calls",
        new JsonObject()
            .put(
                "heartbeat",
                new JsonObject()
                    .put("runs", 5)
                    .put("ok", 4)
                    .put("failed", 0)
                    .put("timed_out", 1)
                    .put("latency_ms", Snapshots.latency(4L, 1.5, 2.5))));
    assertThat(SummaryTable.render(snapshot)).containsPattern("heartbeat\\s+5\\s+4\\s+0\\s+1");
  }

  @Test
  void emptySnapshotRendersDashesNotErrors() {
    String text = SummaryTable.render(new JsonObject());
    assertThat(text).contains("success rate n/a").contains("close codes none");
  }

  @Test
  void progressLine() {
    String line =
        ProgressLine.format(Snapshots.sample(), Duration.ofSeconds(12), Duration.ofSeconds(20));
    assertThat(line)
        .isEqualTo(
            "[12s/20s] connected 9/10  attempts 14  failures 1  disconnects 3  reconnects 3"
                + "  msgs/s out 51 in 50  rtt p50 0.85ms p99 4.32ms");
    assertThat(ProgressLine.format(new JsonObject(), Duration.ofSeconds(75), null))
        .startsWith("[1m15s] connected -/-")
        .endsWith("rtt p50 - p99 -");
  }
}
