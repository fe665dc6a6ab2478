package dev.wsmon.wrapper.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.EventType;
import dev.wsmon.testkit.EchoServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("MonitorVerticle over HTTP, against the testkit echo server")
class MonitorVerticleTest {

  private static final Pattern SAMPLE =
      Pattern.compile(
          "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (-?[0-9.]+(?:[eE][-+]?[0-9]+)?|NaN|[+-]Inf)");

  private EchoServer server;
  private MonitorVerticle monitor;
  private WebClient client;

  @BeforeEach
  void deploy(Vertx vertx) {
    server = EchoServer.deploy(vertx).await();
    Future<List<ConnectionEvent>> connected = MonitorFixture.seen(vertx, EventType.CONNECTED, 2);
    monitor = MonitorVerticle.deploy(vertx, MonitorFixture.options(server, 2)).await();
    // /health reads the status board, which sees the events on its own consumer
    MonitorFixture.awaitBoard(monitor, connected.await());
    client = MonitorFixture.client(vertx, monitor);
  }

  @AfterEach
  void close() {
    client.close();
  }

  private HttpResponse<Buffer> get(String uri) {
    return client.get(uri).send().await();
  }

  @Test
  @DisplayName("every route answers 200 with its content type and Cache-Control: no-store")
  void routes() {
    assertThat(monitor.actualPort()).isPositive();
    HttpResponse<Buffer> stats = get("/stats");
    assertThat(stats.statusCode()).isEqualTo(200);
    assertThat(stats.getHeader("Content-Type")).startsWith("application/json");
    JsonObject snapshot = stats.bodyAsJsonObject();
    assertThat(snapshot.getJsonObject("total").getInteger("connections")).isEqualTo(2);
    assertThat(snapshot.getJsonArray("connections")).hasSize(2);
    String group = snapshot.getJsonArray("connections").getJsonObject(0).getString("group");

    JsonObject one = get("/stats?connection_id=c-2").bodyAsJsonObject();
    assertThat(one.getString("connection_id")).isEqualTo("c-2");
    HttpResponse<Buffer> byGroup =
        client.get("/stats").addQueryParam("group", group).send().await();
    assertThat(byGroup.statusCode()).isEqualTo(200);
    assertThat(byGroup.bodyAsJsonObject().getInteger("connections")).isEqualTo(2);

    HttpResponse<Buffer> history = get("/history?limit=3");
    assertThat(history.statusCode()).isEqualTo(200);
    JsonArray events = history.bodyAsJsonObject().getJsonArray("events");
    assertThat(events.size()).isBetween(1, 3);

    HttpResponse<Buffer> csv = get("/stats.csv");
    assertThat(csv.getHeader("Content-Type")).startsWith("text/csv");
    assertThat(csv.bodyAsString()).startsWith("scope,name,group").contains("c-1", "c-2");
    HttpResponse<Buffer> series = get("/series.csv");
    assertThat(series.statusCode()).isEqualTo(200);
    assertThat(series.bodyAsString()).startsWith("timestamp");

    HttpResponse<Buffer> page = get("/");
    assertThat(page.getHeader("Content-Type")).startsWith("text/html");
    assertThat(page.bodyAsString())
        .as("the dashboard is the HTML report in live mode over /events")
        .contains("wsmon", "uPlot", "\"live\":\"events\"", "c-1", "c-2");

    HttpResponse<Buffer> health = get("/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.bodyAsJsonObject().getString("status")).isEqualTo("UP");

    for (String uri :
        List.of("/", "/stats", "/stats.csv", "/series.csv", "/metrics", "/history", "/health")) {
      HttpResponse<Buffer> r = get(uri);
      assertThat(r.statusCode()).as(uri).isEqualTo(200);
      assertThat(r.getHeader("Cache-Control")).as(uri).isEqualTo("no-store");
      assertThat(r.getHeader("X-Content-Type-Options")).as(uri).isEqualTo("nosniff");
    }
  }

  @Test
  @DisplayName("/metrics parses and its attempts equal the snapshot's connection_attempts")
  void metricsMatchStats() {
    HttpResponse<Buffer> metrics = get("/metrics");
    assertThat(metrics.getHeader("Content-Type")).startsWith("text/plain; version=0.0.4");
    double attempts = 0;
    int samples = 0;
    for (String line : metrics.bodyAsString().split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      assertThat(m.matches()).as("sample line '%s'", line).isTrue();
      samples++;
      if (m.group(1).equals("wsmon_connection_attempts_total")) {
        attempts += Double.parseDouble(m.group(3));
      }
    }
    assertThat(samples).isGreaterThan(10);
    long fromStats =
        get("/stats").bodyAsJsonObject().getJsonObject("total").getLong("connection_attempts");
    assertThat(fromStats).isGreaterThanOrEqualTo(2);
    assertThat(attempts).isEqualTo((double) fromStats);
  }

  @Test
  @DisplayName("bad parameters get 400 naming the value, as JSON without stack traces")
  void badParams() {
    assertError(get("/history?limit=abc"), 400, "limit must be a positive integer, got 'abc'");
    assertError(get("/history?limit=0"), 400, "got '0'");
    assertError(get("/stats?connection_id=c-99"), 400, "unknown connection_id 'c-99'");
    assertError(get("/stats?group=nope"), 400, "unknown group 'nope'");
    assertError(get("/stats?connection_id=c-1&group=g"), 400, "not both");
    assertError(get("/stats?conection_id=c-1"), 400, "unknown query parameter 'conection_id'");
    assertError(get("/history?limit=1&limit=2"), 400, "'limit' given 2 times");
    assertError(get("/stats?connection_id="), 400, "must not be empty");
    assertError(get("/metrics?x=1"), 400, "unknown query parameter 'x'");
    assertError(get("/nope"), 404, "no such route: /nope");
    assertError(client.post("/stats").send().await(), 405, "not allowed");
  }

  private static void assertError(HttpResponse<Buffer> r, int status, String message) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    assertThat(r.getHeader("Content-Type")).startsWith("application/json");
    assertThat(r.getHeader("Cache-Control")).isEqualTo("no-store");
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getString("error")).contains(message);
    assertThat(body.getInteger("status")).isEqualTo(status);
    assertThat(r.bodyAsString()).doesNotContain("Exception", "\tat ", ".java:");
  }

  @Test
  @DisplayName("/health turns 503 naming the down connections during an outage, 200 after")
  void healthFlips(Vertx vertx) {
    Future<List<ConnectionEvent>> dropped = MonitorFixture.seen(vertx, EventType.DISCONNECTED, 2);
    server.stopListening().await();
    MonitorFixture.awaitBoard(monitor, dropped.await());
    HttpResponse<Buffer> down = get("/health");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.getHeader("Cache-Control")).isEqualTo("no-store");
    JsonObject body = down.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("DOWN");
    assertThat(body.getInteger("connections")).isEqualTo(2);
    assertThat(body.getInteger("connected")).isZero();
    assertThat(body.getJsonArray("down")).hasSize(2);
    JsonObject first = body.getJsonArray("down").getJsonObject(0);
    assertThat(first.getString("connection_id")).isEqualTo("c-1");
    assertThat(first.getString("state")).isIn("RECONNECTING", "CONNECTING");
    assertThat(first.getString("group")).contains("/feed");

    Future<List<ConnectionEvent>> back = MonitorFixture.seen(vertx, EventType.CONNECTED, 2);
    server.startListening().await();
    MonitorFixture.awaitBoard(monitor, back.await());
    HttpResponse<Buffer> up = get("/health");
    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(up.bodyAsJsonObject().getString("status")).isEqualTo("UP");
    assertThat(up.bodyAsJsonObject().getInteger("connected")).isEqualTo(2);
  }

  @Test
  @DisplayName("/events streams a stats event every sample interval")
  void serverSentEvents(Vertx vertx) {
    HttpClient http = vertx.createHttpClient();
    Promise<List<JsonObject>> two = Promise.promise();
    List<JsonObject> received = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    HttpClientResponse response =
        http.request(HttpMethod.GET, monitor.actualPort(), "127.0.0.1", "/events")
            .compose(req -> req.send())
            .await();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("text/event-stream");
    assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
    response.handler(
        chunk -> {
          text.append(chunk.toString());
          int end;
          while ((end = text.indexOf("\n\n")) >= 0) {
            String frame = text.substring(0, end);
            text.delete(0, end + 2);
            if (frame.startsWith("event: stats\n")) {
              received.add(new JsonObject(frame.substring(frame.indexOf("data: ") + 6)));
              if (received.size() == 2) {
                two.tryComplete(new ArrayList<>(received));
              }
            }
          }
        });
    List<JsonObject> events = two.future().await();
    assertThat(events.get(1).getJsonObject("total").getInteger("connections")).isEqualTo(2);
    assertThat(events.get(1).getJsonObject("total").getInteger("connected")).isEqualTo(2);
    assertThat(events.get(1).containsKey("point")).isTrue();
    JsonObject sections = events.get(1).getJsonObject("sections");
    assertThat(sections.fieldNames())
        .as("the dashboard's live sections ride along")
        .containsExactly("report-head", "figures", "connections", "close-codes", "timeline");
    assertThat(sections.getString("connections"))
        .startsWith("<section id=\"connections\">")
        .contains("<code>c-1</code>", "<code>c-2</code>");
    http.close().await();
  }

  @Test
  @DisplayName("undeploy closes the connections with 1000 and the HTTP port")
  void gracefulStop(Vertx vertx) {
    int port = monitor.actualPort();
    vertx.undeploy(monitor.deploymentID()).await();
    server
        .statsWhen(s -> s.closeCodesReceived().getOrDefault(1000, 0L) == 2, Duration.ofSeconds(10))
        .await();
    Future<HttpResponse<Buffer>> after = client.get(port, "127.0.0.1", "/health").send();
    assertThat(after.transform(ar -> Future.succeededFuture(ar.failed())).await()).isTrue();
    assertThat(vertx.deploymentIDs()).containsExactly(server.deploymentID());
  }

  @Test
  @DisplayName("a start failure (port taken, no endpoint) fails the deployment and leaves nothing")
  void startFailures(Vertx vertx) throws Exception {
    java.util.Set<String> before = java.util.Set.copyOf(vertx.deploymentIDs());
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      MonitorOptions options = MonitorFixture.options(server, 1).setHttpPort(taken.getLocalPort());
      Throwable error =
          MonitorVerticle.deploy(vertx, options)
              .transform(ar -> Future.succeededFuture(ar.cause()))
              .await();
      assertThat(error).isNotNull();
    }
    assertThat(vertx.deploymentIDs()).containsExactlyInAnyOrderElementsOf(before);
    Throwable noEndpoint =
        MonitorVerticle.deploy(vertx, new MonitorOptions())
            .transform(ar -> Future.succeededFuture(ar.cause()))
            .await();
    assertThat(noEndpoint).hasMessageContaining("at least one endpoint");
  }
}
