package dev.wsmon.wrapper.monitor.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("UptimeTracker on explicit time")
class UptimeTrackerTest {

  private static final long S = 1_000_000_000L;
  private static final long M = 60 * S;
  private static final long H = UptimeTracker.HOUR;
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final UptimeTracker u = new UptimeTracker();

  private void at(long nanos, boolean up, String reason) {
    u.update(up, 1_000 + nanos, T0.plusNanos(nanos), reason);
  }

  private Double ratio(long window, long nanos) {
    return u.ratio(window, 1_000 + nanos);
  }

  @Test
  @DisplayName("null before a verdict; windows longer than the run cover the time since start")
  void shortRun() {
    assertThat(u.ratio(H, 5)).isNull();
    at(0, true, null);
    at(30 * S, false, "c-1: connection refused");
    at(40 * S, true, null);
    assertThat(ratio(Long.MAX_VALUE, 60 * S)).isCloseTo(50.0 / 60, within(1e-9));
    assertThat(ratio(H, 60 * S)).isCloseTo(50.0 / 60, within(1e-9));
    assertThat(ratio(UptimeTracker.DAY, 60 * S)).isCloseTo(50.0 / 60, within(1e-9));
    JsonObject json = u.writeTo(new JsonObject(), 1_000 + 60 * S);
    JsonObject outage = json.getJsonObject("last_outage");
    assertThat(outage.getString("started_at")).isEqualTo("2026-01-01T00:00:30Z");
    assertThat(outage.getString("ended_at")).isEqualTo("2026-01-01T00:00:40Z");
    assertThat(outage.getDouble("duration_seconds")).isEqualTo(10.0);
    assertThat(outage.getString("reason")).isEqualTo("c-1: connection refused");
  }

  @Test
  @DisplayName("the 1 h window forgets an outage older than an hour; the total keeps it")
  void hourWindow() {
    at(0, false, "down at start");
    at(30 * M, true, null);
    long now = 2 * H;
    assertThat(ratio(Long.MAX_VALUE, now)).isCloseTo(0.75, within(1e-9));
    assertThat(ratio(H, now)).isCloseTo(1.0, within(1e-9));
    at(now, false, "drop");
    assertThat(ratio(H, now + 6 * M)).isCloseTo(54.0 / 60, within(1e-9));
    assertThat(
            u.writeTo(new JsonObject(), 1_000 + now + 6 * M)
                .getJsonObject("last_outage")
                .getValue("ended_at"))
        .isNull();
  }

  @Test
  @DisplayName("the 24 h window over two days, mid-minute boundaries")
  void dayWindow() {
    at(0, true, null);
    at(10 * H + 30 * S, false, "x");
    at(12 * H + 30 * S, true, null);
    long now = 30 * H + 15 * S;
    assertThat(ratio(UptimeTracker.DAY, now)).isCloseTo(22.0 / 24, within(1e-4));
    assertThat(ratio(Long.MAX_VALUE, now))
        .isCloseTo((30.0 * 3600 + 15 - 7200) / (30.0 * 3600 + 15), within(1e-9));
    assertThat(ratio(UptimeTracker.DAY, 40 * H)).isCloseTo(1.0, within(1e-9));
  }
}
