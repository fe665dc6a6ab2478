package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(90)
@DisplayName("--proxy: HTTP CONNECT and SOCKS5 proxies with credentials that never leak")
class ProxyCliTest {

  /** A marker password: it must not appear in any output or file. */
  private static final String SECRET = "Prx-S3cret-7f3a";

  private static final String USER = "tester";

  @TempDir Path dir;
  private Vertx vertx;
  private EchoServer ws;
  private EchoServer wss;
  private TestProxy http;
  private TestProxy socks;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    ws = EchoServer.deploy(vertx, new EchoServerOptions()).await();
    wss = EchoServer.deploy(vertx, new EchoServerOptions().setTls(true)).await();
    http = TestProxy.http(vertx, USER, SECRET);
    socks = TestProxy.socks5(vertx, USER, SECRET);
  }

  @AfterAll
  void stop() {
    http.close();
    socks.close();
    vertx.close().await();
  }

  private String httpProxy(String password) {
    return "http://" + USER + ":" + password + "@127.0.0.1:" + http.port();
  }

  private String socksProxy(String password) {
    return "socks5://" + USER + ":" + password + "@127.0.0.1:" + socks.port();
  }

  @Test
  @DisplayName("ws:// through an HTTP CONNECT proxy: the proxy opens the tunnel, messages echo")
  void httpConnectWs() throws Exception {
    int before = http.tunnels.size();
    NetRun r = NetRun.run(dir, ws.uri("/echo"), "--proxy", httpProxy(SECRET), "--send", "hi");
    assertThat(r.cli.code).as(r.toString()).isZero();
    assertThat(r.connected()).isEqualTo(1);
    assertThat(http.tunnels.subList(before, http.tunnels.size()))
        .containsExactly("127.0.0.1:" + ws.port());
    assertThat(http.unsupported).isEmpty();
  }

  @Test
  @DisplayName("wss:// through an HTTP CONNECT proxy, with a trust store")
  void httpConnectWss() throws Exception {
    int before = http.tunnels.size();
    NetRun r =
        NetRun.run(
            dir,
            "wss://localhost:" + wss.port() + "/echo",
            "--trust-store-type",
            "pem",
            "--trust-store",
            wss.certificatePath(),
            "--proxy",
            httpProxy(SECRET));
    assertThat(r.cli.code).as(r.toString()).isZero();
    assertThat(http.tunnels.subList(before, http.tunnels.size()))
        .containsExactly("localhost:" + wss.port());
  }

  @Test
  @DisplayName("ws:// through a SOCKS5 proxy with user and password")
  void socks5() throws Exception {
    int before = socks.tunnels.size();
    NetRun r = NetRun.run(dir, ws.uri("/echo"), "--proxy", socksProxy(SECRET), "--send", "hi");
    assertThat(r.cli.code).as(r.toString()).isZero();
    assertThat(r.connected()).isEqualTo(1);
    assertThat(socks.tunnels.subList(before, socks.tunnels.size())).hasSize(1);
    assertThat(socks.tunnels.get(before)).endsWith(":" + ws.port());
  }

  @Test
  @DisplayName("wrong HTTP proxy credentials: 'proxy authentication failed', exit 3")
  void httpWrongCredentials() throws Exception {
    int rejected = http.rejected.get();
    NetRun r = NetRun.failing(dir, ws.uri("/echo"), "--proxy", httpProxy("wrong-" + SECRET));
    assertThat(r.cli.code).as(r.toString()).isEqualTo(3);
    assertThat(r.failures()).as(r.toString()).contains("proxy authentication failed");
    assertThat(http.rejected.get()).isGreaterThan(rejected);
  }

  @Test
  @DisplayName("wrong SOCKS5 credentials: 'proxy authentication failed', exit 3")
  void socksWrongCredentials() throws Exception {
    int rejected = socks.rejected.get();
    NetRun r = NetRun.failing(dir, ws.uri("/echo"), "--proxy", socksProxy("wrong-" + SECRET));
    assertThat(r.cli.code).as(r.toString()).isEqualTo(3);
    assertThat(r.failures()).as(r.toString()).contains("proxy authentication failed");
    assertThat(socks.rejected.get()).isGreaterThan(rejected);
  }

  @Test
  @DisplayName("the proxy password appears in no output, event, export or log, even with -v")
  void credentialsNeverLeak() throws Exception {
    Path json = dir.resolve("leak.json");
    Path csv = dir.resolve("leak.csv");
    Path html = dir.resolve("leak.html");
    Path junit = dir.resolve("leak.xml");
    NetRun ok =
        NetRun.run(
            dir,
            ws.uri("/echo"),
            "--proxy",
            httpProxy(SECRET),
            "--send",
            "hi",
            "-v",
            "--export-json",
            json.toString(),
            "--export-csv",
            csv.toString(),
            "--export-html",
            html.toString(),
            "--junit",
            junit.toString(),
            "--threshold",
            "success_rate>=0");
    assertThat(ok.cli.code).as(ok.toString()).isZero();
    NetRun bad = NetRun.failing(dir, ws.uri("/echo"), "--proxy", socksProxy(SECRET + "x"), "-v");
    NetRun badUri = NetRun.run(dir, ws.uri("/echo"), "--proxy", "ftp://u:" + SECRET + "@h:1");
    assertThat(badUri.cli.code).isEqualTo(2);
    assertThat(badUri.cli.err).contains("proxy");
    for (NetRun r : new NetRun[] {ok, bad, badUri}) {
      assertThat(r.cli.out + r.cli.err).doesNotContain(SECRET);
      if (Files.exists(r.events)) {
        assertThat(Files.readString(r.events)).doesNotContain(SECRET);
      }
    }
    for (Path p : new Path[] {json, csv, html, junit}) {
      assertThat(Files.readString(p)).as(p.toString()).doesNotContain(SECRET);
    }
    try (Stream<Path> files = Files.list(dir)) {
      files
          .filter(Files::isRegularFile)
          .forEach(
              p -> {
                try {
                  assertThat(Files.readString(p)).as(p.toString()).doesNotContain(SECRET);
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
    }
  }

  @Test
  @DisplayName("the proxy is a config key, and WSMON_PROXY works")
  void configAndEnvironment() throws Exception {
    int before = socks.tunnels.size();
    NetRun r =
        NetRun.run(dir, java.util.Map.of("WSMON_PROXY", socksProxy(SECRET)), ws.uri("/echo"));
    assertThat(r.cli.code).as(r.toString()).isZero();
    assertThat(socks.tunnels.size()).isGreaterThan(before);
  }
}
