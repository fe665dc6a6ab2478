package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import dev.wsmon.wrapper.monitor.MonitorOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("wsmon monitor: trust store, client certificate and proxy settings")
class MonitorNetworkTest {

  private static final String SECRET = "Mon-Prx-S3cret";

  @TempDir Path dir;

  @Test
  @DisplayName("top-level keys are defaults for every endpoint; an endpoint's own win")
  void topLevelDefaults() {
    MonitorOptions o =
        new MonitorOptions(
            new JsonObject()
                .put("trustStore", "/ca.pem")
                .put("proxy", "http://u:" + SECRET + "@p:3128")
                .put("certFile", "/c.pem")
                .put("keyFile", "/k.pem")
                .put(
                    "endpoints",
                    new JsonArray()
                        .add("wss://a/x")
                        .add(
                            new JsonObject()
                                .put("uri", "wss://b/x")
                                .put("trustStore", "/b.pem")
                                .put("keyStore", "/b.p12"))));
    ConnectionOptions a = o.getEndpoints().get(0);
    ConnectionOptions b = o.getEndpoints().get(1);
    assertThat(a.getTrustOptions()).isEqualTo(new PemTrustOptions().addCertPath("/ca.pem"));
    assertThat(a.getKeyCertOptions())
        .isEqualTo(new PemKeyCertOptions().setCertPath("/c.pem").setKeyPath("/k.pem"));
    assertThat(a.getProxyOptions().getPassword()).isEqualTo(SECRET);
    assertThat(b.getTrustOptions()).isEqualTo(new PemTrustOptions().addCertPath("/b.pem"));
    assertThat(b.getKeyCertOptions()).isEqualTo(new PfxOptions().setPath("/b.p12"));
    assertThat(new MonitorOptions(o.toJson()).toJson()).isEqualTo(o.toJson());
    assertThat(o.toString()).doesNotContain(SECRET);
  }

  @Test
  @DisplayName("--proxy reaches the monitor's connections; a bad --trust-store is exit 2")
  void flags(Vertx vertx) {
    EchoServer server = EchoServer.deploy(vertx, new EchoServerOptions()).await();
    TestProxy socks = TestProxy.socks5(vertx, "mon", SECRET);
    try {
      Cli cli =
          Cli.run(
              Map.of("WSMON_PROXY", "socks5://mon:" + SECRET + "@127.0.0.1:" + socks.port()),
              "monitor",
              server.uri("/watch"),
              "--http-port",
              "0",
              "--duration",
              "2s");
      assertThat(cli.code).as(cli.toString()).isZero();
      assertThat(socks.tunnels).hasSize(1);
      assertThat(cli.out + cli.err).doesNotContain(SECRET);
      Cli bad =
          Cli.run(
              "monitor", "wss://localhost:1/", "--trust-store", dir.resolve("no.pem").toString());
      assertThat(bad.code).isEqualTo(2);
      assertThat(bad.err).contains("trustStore file not found");
    } finally {
      socks.close();
    }
  }

  @Test
  @DisplayName("a trust store from the config file lets the monitor hold a wss:// connection")
  void trustStoreFromConfig(Vertx vertx) throws Exception {
    EchoServer server = EchoServer.deploy(vertx, new EchoServerOptions().setTls(true)).await();
    Path config = dir.resolve("monitor.json");
    Files.writeString(
        config,
        new JsonObject()
            .put("uri", "wss://localhost:" + server.port() + "/watch")
            .put("trustStore", server.certificatePath())
            .put("trustStoreType", "pem")
            .put("httpPort", 0)
            .encode());
    Cli cli = Cli.run("monitor", "--config", config.toString(), "--duration", "3s");
    assertThat(cli.code).as(cli.toString()).isZero();
    assertThat(server.stats().connectionsOpened()).as(cli.toString()).isGreaterThanOrEqualTo(1);
  }
}
