package dev.wsmon.exporters;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("JSON export")
class JsonExportTest {

  @Test
  @DisplayName("parses back to the same document, compact on one line and pretty with \\n indents")
  void roundTrip() {
    JsonObject snapshot = new SnapshotFixture().build();

    String compact = Exporters.json(snapshot, false);
    String pretty = Exporters.json(snapshot, true);

    assertThat(new JsonObject(compact)).isEqualTo(snapshot);
    assertThat(new JsonObject(pretty)).isEqualTo(snapshot);
    assertThat(compact).doesNotContain("\n").startsWith("{\"generated_at\":");
    assertThat(pretty).contains("\n  \"generated_at\"").doesNotContain("\r");
  }

  @Test
  @DisplayName("key set equals the documented list exactly (docs/export-format.md)")
  void keysAreDocumented() {
    JsonObject parsed = new JsonObject(Exporters.json(new SnapshotFixture().build(), true));

    Set<String> optional = new DocumentedKeys().check(parsed);

    assertThat(optional).isEmpty();
  }

  @Test
  @DisplayName("optional keys appear only with their feature, and are documented as optional")
  void optionalKeysAreDocumented() {
    JsonObject parsed =
        new JsonObject(Exporters.json(new SnapshotFixture().withOptionalFeatures().build(), false));

    Set<String> optional = new DocumentedKeys().check(parsed);

    assertThat(optional)
        .containsExactlyInAnyOrder(
            "scheduled_calls", "feed", "agent", "rtt_actual_ms", "send_lag_ms");
  }

  @Test
  @DisplayName("keeps nulls, writes instants as ISO-8601 and non-finite numbers as null")
  void nullsInstantsAndNonFinite() {
    JsonObject doc =
        new JsonObject()
            .put("generated_at", Instant.parse("2026-01-01T00:00:00.123456Z"))
            .putNull("success_rate")
            .put("nan", Double.NaN)
            .put("inf", Float.POSITIVE_INFINITY)
            .put("ok", 0.001)
            .put("nested", new JsonArray().add(Double.NEGATIVE_INFINITY).add(-1.5));

    JsonObject parsed = new JsonObject(Exporters.json(doc, false));

    assertThat(parsed.getString("generated_at")).isEqualTo("2026-01-01T00:00:00.123456Z");
    assertThat(parsed.containsKey("success_rate")).isTrue();
    assertThat(parsed.getValue("success_rate")).isNull();
    assertThat(parsed.getValue("nan")).isNull();
    assertThat(parsed.getValue("inf")).isNull();
    assertThat(parsed.getDouble("ok")).isEqualTo(0.001);
    assertThat(parsed.getJsonArray("nested")).containsExactly(null, -1.5);
  }
}
