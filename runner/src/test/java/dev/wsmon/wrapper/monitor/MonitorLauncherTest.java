package dev.wsmon.wrapper.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.launcher.application.ExitCodes;
import io.vertx.launcher.application.HookContext;
import io.vertx.launcher.application.VertxApplication;
import io.vertx.launcher.application.VertxApplicationHooks;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("MonitorVerticle started by the Vert.x launcher")
class MonitorLauncherTest {

  /** The launcher without printing usage or System.exit on failure. */
  static final class InProcessLauncher extends VertxApplication {
    InProcessLauncher(String[] args, VertxApplicationHooks hooks) {
      super(args, hooks, false, false);
    }
  }

  @TempDir Path dir;

  @Test
  @DisplayName("VertxApplication <class> -conf monitor.json deploys a working monitor")
  void launchWithConf(Vertx vertx) throws Exception {
    EchoServer server = EchoServer.deploy(vertx).await();
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Path conf = dir.resolve("monitor.json");
    JsonObject config =
        MonitorFixture.options(server, 1)
            .setHttpPort(port)
            .setExportDirectory(dir.toString())
            .toJson();
    Files.writeString(conf, config.encodePrettily());
    AtomicReference<HookContext> deployed = new AtomicReference<>();
    int exit =
        new InProcessLauncher(
                new String[] {MonitorVerticle.class.getName(), "-conf", conf.toString()},
                new VertxApplicationHooks() {
                  @Override
                  public void afterVerticleDeployed(HookContext context) {
                    deployed.set(context);
                  }
                })
            .launch();
    assertThat(exit).isZero();
    Vertx launched = deployed.get().vertx();
    try {
      assertThat(launched.deploymentIDs()).contains(deployed.get().deploymentId());
      WebClient client = WebClient.create(vertx);
      HttpResponse<Buffer> stats = client.get(port, "127.0.0.1", "/stats").send().await();
      assertThat(stats.statusCode()).isEqualTo(200);
      assertThat(stats.bodyAsJsonObject().getJsonObject("total").getInteger("connections"))
          .isEqualTo(1);
      client.close();
    } finally {
      launched.close().await();
    }
  }

  @Test
  @DisplayName("a bad config makes the launcher fail with a non-zero exit code, not exit the JVM")
  void badConf() throws Exception {
    Path conf = dir.resolve("bad.json");
    Files.writeString(conf, new JsonObject().put("httpPort", 99999).encode());
    AtomicReference<Throwable> failure = new AtomicReference<>();
    int exit =
        new InProcessLauncher(
                new String[] {MonitorVerticle.class.getName(), "-conf", conf.toString()},
                new VertxApplicationHooks() {
                  @Override
                  public void afterFailureToDeployVerticle(HookContext context, Throwable t) {
                    failure.set(t);
                    context.vertx().close();
                  }
                })
            .launch();
    assertThat(exit).isEqualTo(ExitCodes.VERTX_DEPLOYMENT);
    assertThat(failure.get()).hasMessageContaining("httpPort must be 0..65535, got 99999");
  }
}
