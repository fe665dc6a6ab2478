package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
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
@Timeout(60)
@DisplayName("--trust-store: PEM, JKS and PKCS12 trust, with verification on")
class TrustStoreCliTest {

  private static final String PASSWORD = "test-only-Pa55";

  @TempDir Path dir;
  private Vertx vertx;
  private EchoServer server;
  private EchoServer otherHost;
  private String pem;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    server = EchoServer.deploy(vertx, new EchoServerOptions().setTls(true)).await();
    otherHost =
        EchoServer.deploy(
                vertx, new EchoServerOptions().setTls(true).setTlsCertificateHost("elsewhere.test"))
            .await();
    pem = server.certificatePath();
  }

  @AfterAll
  void stop() {
    vertx.close().await();
  }

  private String uri(EchoServer s) {
    return "wss://localhost:" + s.port() + "/echo";
  }

  @Test
  @DisplayName("a PEM trust store (type from the .pem extension) connects")
  void pemTrusted() throws Exception {
    Path file = Files.copy(Path.of(pem), dir.resolve("ca.pem"));
    NetRun r = NetRun.run(dir, uri(server), "--trust-store", file.toString(), "--send", "hi");
    assertThat(r.cli.code).as(r.toString()).isZero();
    assertThat(r.connected()).isEqualTo(1);
  }

  @Test
  @DisplayName("a JKS trust store with its password from WSMON_TRUST_STORE_PASSWORD connects")
  void jksTrusted() throws Exception {
    Path file = TestStores.trustStore(dir.resolve("trust.jks"), "JKS", PASSWORD, pem);
    NetRun r =
        NetRun.run(
            dir,
            Map.of("WSMON_TRUST_STORE_PASSWORD", PASSWORD),
            uri(server),
            "--trust-store",
            file.toString());
    assertThat(r.cli.code).as(r.toString()).isZero();
    assertThat(r.connected()).isEqualTo(1);
    assertThat(r.cli.out + r.cli.err).doesNotContain(PASSWORD);
  }

  @Test
  @DisplayName("a PKCS12 trust store with an explicit type and a password flag connects")
  void pkcs12Trusted() throws Exception {
    Path file = TestStores.trustStore(dir.resolve("trust.store"), "PKCS12", PASSWORD, pem);
    NetRun r =
        NetRun.run(
            dir,
            uri(server),
            "--trust-store",
            file.toString(),
            "--trust-store-type",
            "pkcs12",
            "--trust-store-password",
            PASSWORD);
    assertThat(r.cli.code).as(r.toString()).isZero();
    assertThat(r.connected()).isEqualTo(1);
  }

  @Test
  @DisplayName("the JVM default trust does not know the test CA: 'certificate not trusted'")
  void untrustedFailsWithReason() throws Exception {
    NetRun r = NetRun.failing(dir, uri(server));
    assertThat(r.cli.code).as(r.toString()).isEqualTo(3);
    assertThat(r.failures())
        .as(r.toString())
        .contains("certificate not trusted")
        .doesNotContain("PKIX");
  }

  @Test
  @DisplayName("a trust store holding another certificate: 'certificate not trusted'")
  void wrongTrustStoreFails() throws Exception {
    Path file = Files.copy(Path.of(otherHost.certificatePath()), dir.resolve("other.pem"));
    NetRun r = NetRun.failing(dir, uri(server), "--trust-store", file.toString());
    assertThat(r.cli.code).as(r.toString()).isEqualTo(3);
    assertThat(r.failures()).as(r.toString()).contains("certificate not trusted");
  }

  @Test
  @DisplayName("a trusted certificate for another host: 'hostname mismatch (expected localhost'")
  void wrongHostFailsWithReason() throws Exception {
    Path file = Files.copy(Path.of(otherHost.certificatePath()), dir.resolve("elsewhere.pem"));
    NetRun r = NetRun.failing(dir, uri(otherHost), "--trust-store", file.toString());
    assertThat(r.cli.code).as(r.toString()).isEqualTo(3);
    assertThat(r.failures()).as(r.toString()).contains("hostname mismatch (expected localhost");
  }

  @Test
  @DisplayName("a wrong password is a usage error (exit 2) that does not echo the password")
  void wrongPasswordIsExit2() throws Exception {
    Path file = TestStores.trustStore(dir.resolve("t.p12"), "PKCS12", PASSWORD, pem);
    NetRun r =
        NetRun.run(
            dir,
            uri(server),
            "--trust-store",
            file.toString(),
            "--trust-store-password",
            "not-the-Secret-42");
    assertThat(r.cli.code).as(r.toString()).isEqualTo(2);
    assertThat(r.cli.err).contains("wrong or missing password").doesNotContain("not-the-Secret-42");
  }

  @Test
  @DisplayName("a missing file and an unknown extension are usage errors naming the fix")
  void missingFileAndUnknownType() throws Exception {
    NetRun missing = NetRun.run(dir, uri(server), "--trust-store", "/nope/ca.pem");
    assertThat(missing.cli.code).isEqualTo(2);
    assertThat(missing.cli.err).contains("trustStore file not found: /nope/ca.pem");
    Path odd = Files.copy(Path.of(pem), dir.resolve("ca.bin"));
    NetRun unknown = NetRun.run(dir, uri(server), "--trust-store", odd.toString());
    assertThat(unknown.cli.code).isEqualTo(2);
    assertThat(unknown.cli.err).contains("trustStoreType");
  }

  @Test
  @DisplayName("trustStore and trustStorePassword are config keys")
  void configKeys() throws Exception {
    Path file = TestStores.trustStore(dir.resolve("cfg.jks"), "JKS", PASSWORD, pem);
    Path config = dir.resolve("c.yaml");
    Files.writeString(
        config,
        "trustStore: " + file + "\ntrustStoreType: jks\ntrustStorePassword: " + PASSWORD + "\n");
    NetRun r = NetRun.run(dir, uri(server), "--config", config.toString());
    assertThat(r.cli.code).as(r.toString()).isZero();
  }
}
