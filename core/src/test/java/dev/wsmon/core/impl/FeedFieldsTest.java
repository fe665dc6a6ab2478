package dev.wsmon.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.TimestampUnit;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("FeedFields streaming extraction")
class FeedFieldsTest {

  private static final long T0_MICROS = 1_767_225_600_000_000L; // 2026-01-01T00:00:00Z

  @Test
  @DisplayName("nested paths, skipping unrelated objects and arrays")
  void nested() {
    FeedFields f = new FeedFields("data.seq", "data.meta.ts", TimestampUnit.AUTO);
    assertThat(
            f.read(
                "{\"seq\":99,\"other\":{\"seq\":5,\"x\":[1,{\"seq\":3}]},\"list\":[{\"data\":1}],"
                    + "\"data\":{\"px\":1.5,\"seq\":42,\"meta\":{\"ts\":1767225600000}}}"))
        .isTrue();
    assertThat(f.seq).isEqualTo(42);
    assertThat(f.tsMicros).isEqualTo(T0_MICROS);
  }

  @Test
  @DisplayName("numbers and strings as sequence numbers; bytes as input")
  void seqForms() {
    FeedFields f = new FeedFields("seq", null, TimestampUnit.AUTO);
    assertThat(f.read("{\"seq\":\"17\"}")).isTrue();
    assertThat(f.seq).isEqualTo(17);
    assertThat(f.read("{\"seq\":18}".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(f.seq).isEqualTo(18);
    assertThat(f.read("{\"seq\":\"x\"}")).isFalse();
    assertThat(f.read("{\"seq\":1.5}")).isFalse();
    assertThat(f.read("{\"seq\":{\"a\":1}}")).isFalse();
    assertThat(f.read("{\"other\":1}")).isFalse();
    assertThat(f.hasSeq).isFalse();
    assertThat(f.read("[1,2]")).isFalse();
    assertThat(f.read("plain text")).isFalse();
    assertThat(f.read("{\"seq\":")).isFalse();
  }

  @Test
  @DisplayName("timestamps: auto by magnitude, explicit units, ISO-8601 with offsets")
  void timestamps() {
    assertThat(ts(TimestampUnit.AUTO, "1767225600")).isEqualTo(T0_MICROS);
    assertThat(ts(TimestampUnit.AUTO, "1767225600.25")).isEqualTo(T0_MICROS + 250_000);
    assertThat(ts(TimestampUnit.AUTO, "1767225600123")).isEqualTo(T0_MICROS + 123_000);
    assertThat(ts(TimestampUnit.AUTO, "1767225600123456")).isEqualTo(T0_MICROS + 123_456);
    assertThat(ts(TimestampUnit.AUTO, "1767225600123456789")).isEqualTo(T0_MICROS + 123_456);
    assertThat(ts(TimestampUnit.AUTO, "\"2026-01-01T00:00:00.5Z\"")).isEqualTo(T0_MICROS + 500_000);
    assertThat(ts(TimestampUnit.ISO, "\"2026-01-01T01:00:00.000123+01:00\""))
        .isEqualTo(T0_MICROS + 123);
    assertThat(ts(TimestampUnit.S, "1767225600")).isEqualTo(T0_MICROS);
    assertThat(ts(TimestampUnit.MS, "1767225600000.5")).isEqualTo(T0_MICROS + 500);
    assertThat(ts(TimestampUnit.MS, "\"1767225600001\"")).isEqualTo(T0_MICROS + 1000);
    assertThat(ts(TimestampUnit.US, "1767225600000001")).isEqualTo(T0_MICROS + 1);
    assertThat(ts(TimestampUnit.NS, "1767225600000001000")).isEqualTo(T0_MICROS + 1);
    assertThat(ts(TimestampUnit.US, "\"1767225600000001\"")).isEqualTo(T0_MICROS + 1);
    assertThat(ts(TimestampUnit.NS, "\"1767225600000001000\"")).isEqualTo(T0_MICROS + 1);
    assertThat(ts(TimestampUnit.S, "\"1767225600\"")).isEqualTo(T0_MICROS);
    assertThat(ts(TimestampUnit.ISO, "1767225600")).isNull();
    assertThat(ts(TimestampUnit.AUTO, "\"yesterday\"")).isNull();
    assertThat(ts(TimestampUnit.MS, "\"soon\"")).isNull();
    assertThat(ts(TimestampUnit.AUTO, "true")).isNull();
  }

  private static Long ts(TimestampUnit unit, String value) {
    FeedFields f = new FeedFields(null, "t", unit);
    return f.read("{\"t\":" + value + "}") ? f.tsMicros : null;
  }

  @Test
  @DisplayName("both fields: parsing stops once both are found; one missing is incomplete")
  void bothFields() {
    FeedFields f = new FeedFields("seq", "ts", TimestampUnit.MS);
    assertThat(f.read("{\"ts\":1000,\"seq\":3,\"junk\": nonsense")).isTrue();
    assertThat(f.seq).isEqualTo(3);
    assertThat(f.tsMicros).isEqualTo(1_000_000);
    assertThat(f.read("{\"seq\":4}")).isFalse();
    assertThat(f.hasSeq).isTrue();
    assertThat(f.hasTs).isFalse();
    assertThat(new FeedFields(null, null, TimestampUnit.AUTO).enabled()).isFalse();
  }
}
