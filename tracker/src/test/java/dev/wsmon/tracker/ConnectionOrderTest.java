package dev.wsmon.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("snapshot connections come in connection-number order, whatever the event order")
class ConnectionOrderTest {

  private static List<String> ids(JsonObject snapshot) {
    JsonArray connections = snapshot.getJsonArray("connections");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < connections.size(); i++) {
      ids.add(connections.getJsonObject(i).getString("connection_id"));
    }
    return ids;
  }

  private static JsonObject fed(Vertx vertx, String ns, List<String> firstSeen) {
    vertx
        .deployVerticle(
            new StatsTrackerVerticle(new TrackerOptions().setNamespace(ns).setLogStats(false)))
        .await();
    Records records = new Records(vertx.eventBus(), ns);
    for (String id : firstSeen) {
      records.connect(id, id.contains(":") ? id.substring(0, id.indexOf(':')) : "g", 1.0);
    }
    // the publishes above are delivered in order before this request is answered
    return vertx.eventBus().<JsonObject>request(ns + ".stats", new JsonObject()).await().body();
  }

  @Test
  @DisplayName("c-5, c-3, c-10, c-1, c-2 come out c-1, c-2, c-3, c-5, c-10")
  void byNumber(Vertx vertx) {
    JsonObject snapshot = fed(vertx, "order1", List.of("c-5", "c-3", "c-10", "c-1", "c-2"));
    assertThat(ids(snapshot)).containsExactly("c-1", "c-2", "c-3", "c-5", "c-10");
  }

  @Test
  @DisplayName("cluster ids: by agent, then number")
  void byAgentThenNumber(Vertx vertx) {
    JsonObject snapshot =
        fed(vertx, "order2", List.of("b:c-1", "a:c-10", "a:c-2", "b:c-11", "b:c-3", "a:c-1"));
    assertThat(ids(snapshot))
        .containsExactly("a:c-1", "a:c-2", "a:c-10", "b:c-1", "b:c-3", "b:c-11");
    assertThat(snapshot.getJsonObject("groups").fieldNames()).containsExactly("a", "b");
  }
}
