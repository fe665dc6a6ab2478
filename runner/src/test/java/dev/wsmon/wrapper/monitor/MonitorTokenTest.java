package dev.wsmon.wrapper.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.EventType;
import dev.wsmon.testkit.EchoServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("MonitorVerticle with a token")
class MonitorTokenTest {

  private static final String TOKEN = "t0k3n-S3cret";
  private static final List<String> ROUTES =
      List.of("/", "/stats", "/stats.csv", "/series.csv", "/metrics", "/history", "/health");

  private MonitorVerticle monitor;
  private WebClient client;
  private HttpClient http;

  @BeforeEach
  void deploy(Vertx vertx) {
    EchoServer server = EchoServer.deploy(vertx).await();
    Future<List<ConnectionEvent>> connected = MonitorFixture.seen(vertx, EventType.CONNECTED, 1);
    monitor =
        MonitorVerticle.deploy(vertx, MonitorFixture.options(server, 1).setToken(TOKEN)).await();
    // /health answers 200 once the status board, on its own consumer, has the connection up
    MonitorFixture.awaitBoard(monitor, connected.await());
    client = MonitorFixture.client(vertx, monitor);
    http = vertx.createHttpClient();
  }

  @AfterEach
  void close() {
    client.close();
    http.close().await();
  }

  private HttpResponse<Buffer> send(HttpRequest<Buffer> request) {
    return request.send().await();
  }

  private static void assertUnauthorized(HttpResponse<Buffer> r, String what) {
    assertThat(r.statusCode()).as(what).isEqualTo(401);
    assertThat(r.getHeader("WWW-Authenticate")).as(what).startsWith("Bearer");
    assertThat(r.getHeader("Cache-Control")).as(what).isEqualTo("no-store");
    assertThat(r.bodyAsJsonObject().getString("error")).as(what).isNotBlank();
    assertThat(r.bodyAsString()).as(what).doesNotContain(TOKEN);
  }

  @Test
  @DisplayName("every route: 401 without or with a wrong token, 200 with the bearer header")
  void headerRequired() {
    for (String uri : ROUTES) {
      assertUnauthorized(send(client.get(uri)), uri + " without token");
      assertUnauthorized(
          send(client.get(uri).putHeader("Authorization", "Bearer wrong")), uri + " wrong token");
      assertUnauthorized(
          send(client.get(uri).putHeader("Authorization", "Basic " + TOKEN)), uri + " not bearer");
      HttpResponse<Buffer> ok = send(client.get(uri).bearerTokenAuthentication(TOKEN));
      assertThat(ok.statusCode()).as(uri).isEqualTo(200);
      assertThat(ok.getHeader("Cache-Control")).as(uri).isEqualTo("no-store");
    }
    assertUnauthorized(send(client.get("/nope")), "unknown route");
  }

  @Test
  @DisplayName("cookie and query token open only the dashboard page and the event stream")
  void cookieAndQueryOnlyForBrowserRoutes() {
    for (String uri : ROUTES.subList(1, ROUTES.size())) {
      assertUnauthorized(
          send(client.get(uri).putHeader("Cookie", "wsmon_token=" + TOKEN)), uri + " cookie");
      assertUnauthorized(send(client.get(uri).addQueryParam("token", TOKEN)), uri + " query");
    }
    HttpResponse<Buffer> byCookie =
        send(client.get("/").putHeader("Cookie", "wsmon_token=" + TOKEN));
    assertThat(byCookie.statusCode()).isEqualTo(200);
    assertUnauthorized(
        send(client.get("/").putHeader("Cookie", "wsmon_token=wrong")), "/ wrong cookie");
    assertUnauthorized(send(client.get("/").addQueryParam("token", "wrong")), "/ wrong query");
    HttpResponse<Buffer> byQuery = send(client.get("/").addQueryParam("token", TOKEN));
    assertThat(byQuery.statusCode()).isEqualTo(200);
    assertThat(byQuery.cookies())
        .anySatisfy(
            c ->
                assertThat(c)
                    .startsWith("wsmon_token=" + TOKEN)
                    .containsIgnoringCase("HttpOnly")
                    .containsIgnoringCase("SameSite=Strict"));

    assertThat(events(null, "Cookie", "wsmon_token=" + TOKEN)).isEqualTo(200);
    assertThat(events("?token=" + TOKEN, null, null)).isEqualTo(200);
    assertThat(events(null, "Authorization", "Bearer " + TOKEN)).isEqualTo(200);
    assertThat(events(null, null, null)).isEqualTo(401);
    assertThat(events("?token=wrong", null, null)).isEqualTo(401);
  }

  private int events(String query, String header, String value) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setHost("127.0.0.1")
            .setPort(monitor.actualPort())
            .setURI("/events" + (query == null ? "" : query));
    if (header != null) {
      options.putHeader(header, value);
    }
    HttpClientResponse response = http.request(options).compose(r -> r.send()).await();
    int status = response.statusCode();
    response.request().connection().close().await();
    return status;
  }
}
