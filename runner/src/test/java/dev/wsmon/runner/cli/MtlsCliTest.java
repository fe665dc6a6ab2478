package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
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
@DisplayName("mutual TLS: --cert-file/--key-file and --key-store against a server requiring one")
class MtlsCliTest {

  private static final String PASSWORD = "test-only-K3y";

  @TempDir Path dir;
  private Vertx vertx;
  private EchoServer server;
  private String uri;
  private String trust;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    server =
        EchoServer.deploy(
                vertx, new EchoServerOptions().setTls(true).setRequireClientCertificate(true))
            .await();
    uri = "wss://localhost:" + server.port() + "/echo";
    trust = server.certificatePath();
  }

  @AfterAll
  void stop() {
    vertx.close().await();
  }

  @Test
  @DisplayName("PEM client certificate and key: connects and echoes")
  void pemClientCertificate() throws Exception {
    NetRun r =
        NetRun.run(
            dir,
            uri,
            "--trust-store-type",
            "pem",
            "--trust-store",
            trust,
            "--cert-file",
            EchoServer.clientCertificatePath(),
            "--key-file",
            EchoServer.clientKeyPath(),
            "--send",
            "hi");
    assertThat(r.cli.code).as(r.toString()).isZero();
    assertThat(r.connected()).isEqualTo(1);
  }

  @Test
  @DisplayName("PKCS12 key store with its password from WSMON_KEY_STORE_PASSWORD: connects")
  void pkcs12KeyStore() throws Exception {
    Path store =
        TestStores.keyStore(
            dir.resolve("client.p12"),
            "PKCS12",
            PASSWORD,
            EchoServer.clientCertificatePath(),
            EchoServer.clientKeyPath());
    NetRun r =
        NetRun.run(
            dir,
            Map.of("WSMON_KEY_STORE_PASSWORD", PASSWORD),
            uri,
            "--trust-store-type",
            "pem",
            "--trust-store",
            trust,
            "--key-store",
            store.toString());
    assertThat(r.cli.code).as(r.toString()).isZero();
    assertThat(r.connected()).isEqualTo(1);
    assertThat(r.cli.out + r.cli.err).doesNotContain(PASSWORD);
  }

  @Test
  @DisplayName("JKS key store given in the config file: connects")
  void jksKeyStoreFromConfig() throws Exception {
    Path store =
        TestStores.keyStore(
            dir.resolve("client.jks"),
            "JKS",
            PASSWORD,
            EchoServer.clientCertificatePath(),
            EchoServer.clientKeyPath());
    Path config = dir.resolve("mtls.json");
    java.nio.file.Files.writeString(
        config,
        new io.vertx.core.json.JsonObject()
            .put("trustStore", trust)
            .put("trustStoreType", "pem")
            .put("keyStore", store.toString())
            .put("keyStorePassword", PASSWORD)
            .encode());
    NetRun r = NetRun.run(dir, uri, "--config", config.toString());
    assertThat(r.cli.code).as(r.toString()).isZero();
  }

  @Test
  @DisplayName("without a client certificate: 'server requires a client certificate'")
  void withoutClientCertificate() throws Exception {
    NetRun r = NetRun.failing(dir, uri, "--trust-store-type", "pem", "--trust-store", trust);
    assertThat(r.cli.code).as(r.toString()).isEqualTo(3);
    assertThat(r.failures()).as(r.toString()).contains("server requires a client certificate");
  }

  @Test
  @DisplayName("a client certificate the server does not trust is rejected with a reason")
  void untrustedClientCertificate() throws Exception {
    // the server's own certificate is a valid key pair the server does not accept from clients
    String otherCert = server.certificatePath();
    String otherKey = ((io.vertx.core.net.PemKeyCertOptions) server.keyCertOptions()).getKeyPath();
    NetRun r =
        NetRun.failing(
            dir,
            uri,
            "--trust-store-type",
            "pem",
            "--trust-store",
            trust,
            "--cert-file",
            otherCert,
            "--key-file",
            otherKey);
    assertThat(r.cli.code).as(r.toString()).isEqualTo(3);
    assertThat(r.failures()).as(r.toString()).contains("client certificate");
  }

  @Test
  @DisplayName("--cert-file without --key-file is a usage error")
  void certWithoutKey() {
    NetRun r = NetRun.run(dir, uri, "--cert-file", EchoServer.clientCertificatePath());
    assertThat(r.cli.code).as(r.toString()).isEqualTo(2);
    assertThat(r.cli.err).contains("certFile needs keyFile");
  }
}
