package dev.wsmon.exporters;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CSV column names are unique: a flattened key never takes another key's column")
class CsvColumnNamesTest {

  @Test
  @DisplayName(
      "protocol.errors (the protocol layer) is protocol_session_errors; protocol_errors stays the"
          + " WebSocket-level count")
  void protocolErrorsKeepTheirOwnColumn() {
    JsonObject stats =
        new JsonObject()
            .put("connection_attempts", 1)
            .put("protocol_errors", 0)
            .put(
                "protocol",
                new JsonObject()
                    .put("name", "graphql-ws")
                    .put("heartbeats_sent", 2)
                    .put("errors", 5)
                    .put("error_reasons", new JsonObject().put("error: nope", 5)));
    JsonObject snapshot =
        new JsonObject()
            .put("total", stats.copy())
            .put("groups", new JsonObject().put("ws://h/", stats.copy()))
            .put(
                "connections",
                new JsonArray()
                    .add(stats.copy().put("connection_id", "c-1").put("group", "ws://h/")));

    List<String> lines = Exporters.csv(snapshot).lines().toList();
    List<String> header = List.of(lines.get(0).split(",", -1));
    Set<String> seen = new HashSet<>();
    for (String name : header) {
      assertThat(seen.add(name)).as("column %s appears once", name).isTrue();
    }
    for (String line : lines.subList(1, lines.size())) {
      List<String> row = List.of(line.split(",", -1));
      assertThat(row.get(header.indexOf("protocol_errors"))).isEqualTo("0");
      assertThat(row.get(header.indexOf("protocol_session_errors"))).isEqualTo("5");
      assertThat(row.get(header.indexOf("protocol_error_reasons_error: nope"))).isEqualTo("5");
    }
  }
}
