package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(90)
@DisplayName("wsmon run --metrics-push: OTLP and StatsD receivers get the wsmon meters")
class MetricsPushTest {

  /** Push (and sample) every 300 ms, so a short run pushes during the run too. */
  private static final Map<String, String> STEP = Map.of("WSMON_SAMPLE_INTERVAL", "300ms");

  private EchoServer server;

  @BeforeEach
  void startServer(Vertx vertx) {
    server = EchoServer.deploy(vertx).await();
  }

  @AfterEach
  void stopServer() {
    server.close().await();
  }

  @Test
  @DisplayName("OTLP: the receiver decodes wsmon.connection.attempts == connections, with run tags")
  void otlpReceivesMeters(Vertx vertx) throws Exception {
    List<ExportMetricsServiceRequest> received = new CopyOnWriteArrayList<>();
    HttpServer receiver =
        vertx
            .createHttpServer()
            .requestHandler(
                req -> {
                  if (req.method() != HttpMethod.POST || !req.path().equals("/v1/metrics")) {
                    req.response().setStatusCode(404).end();
                    return;
                  }
                  req.body()
                      .onSuccess(
                          body -> {
                            try {
                              received.add(ExportMetricsServiceRequest.parseFrom(body.getBytes()));
                              req.response().setStatusCode(200).end();
                            } catch (Exception e) {
                              req.response().setStatusCode(400).end();
                            }
                          });
                })
            .listen(0, "127.0.0.1")
            .await();
    String url = "http://127.0.0.1:" + receiver.actualPort() + "/v1/metrics";
    Cli cli =
        Cli.run(
            STEP,
            "run",
            server.uri("/echo"),
            "-c",
            "2",
            "-d",
            "3s",
            "--send",
            "x",
            "--rate",
            "10",
            "--metrics-push",
            "otlp=" + url);
    assertThat(cli.code).as(cli.toString()).isNotEqualTo(2);
    assertThat(cli.err).doesNotContain("cannot push");
    assertThat(received).as("at least the final flush arrived").isNotEmpty();
    ExportMetricsServiceRequest last = received.get(received.size() - 1);
    List<Metric> metrics =
        last.getResourceMetricsList().stream()
            .flatMap(rm -> rm.getScopeMetricsList().stream())
            .flatMap(sm -> sm.getMetricsList().stream())
            .collect(Collectors.toList());
    Metric attempts =
        metrics.stream()
            .filter(m -> m.getName().equals("wsmon.connection.attempts"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no wsmon.connection.attempts in " + metrics));
    NumberDataPoint point = attempts.getSum().getDataPoints(0);
    assertThat(point.getAsDouble()).isEqualTo(2.0);
    Map<String, String> attrs =
        point.getAttributesList().stream()
            .collect(Collectors.toMap(KeyValue::getKey, kv -> kv.getValue().getStringValue()));
    assertThat(attrs).containsKeys("run_id", "agent", "group");
    assertThat(attrs.get("run_id")).matches("[0-9a-f-]{36}");
    assertThat(metrics).extracting(Metric::getName).contains("wsmon.messages.sent");
    receiver.close().await();
  }

  @Test
  @DisplayName("StatsD: UDP lines carry wsmon.connection.attempts with the run tags")
  void statsdReceivesLines(Vertx vertx) throws Exception {
    Promise<String> attemptsLine = Promise.promise();
    List<String> lines = new CopyOnWriteArrayList<>();
    DatagramSocket socket = vertx.createDatagramSocket();
    socket.handler(
        packet -> {
          for (String line : packet.data().toString().split("\n")) {
            lines.add(line);
            if (line.startsWith("wsmon.connection.attempts:")) {
              attemptsLine.tryComplete(line);
            }
          }
        });
    socket.listen(0, "127.0.0.1").await();
    int port = socket.localAddress().port();
    Cli cli =
        Cli.run(
            STEP,
            "run",
            server.uri("/echo"),
            "-c",
            "2",
            "-d",
            "3s",
            "--metrics-push",
            "statsd=127.0.0.1:" + port);
    // the meters are pushed whatever the run's verdict (a cold JVM on a loaded machine may not
    // connect in time); what matters here is that it ran
    assertThat(cli.code).as(cli.toString()).isNotEqualTo(2);
    String line = attemptsLine.future().timeout(10, TimeUnit.SECONDS).await();
    assertThat(line).contains("|c").contains("run_id:").contains("agent:").contains("group:");
    socket.close().await();
  }

  @Test
  @DisplayName("a dead OTLP target: one warning naming it, same exit code, no real slowdown")
  void deadTargetWarnsOnce() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    String[] base = {"run", server.uri("/echo"), "-c", "1", "-d", "1500ms"};
    long t0 = System.nanoTime();
    Cli plain = Cli.run(STEP, base);
    long plainMs = (System.nanoTime() - t0) / 1_000_000;

    String target = "http://127.0.0.1:" + closedPort + "/v1/metrics";
    String[] withPush = concat(base, "--metrics-push", "otlp=" + target);
    t0 = System.nanoTime();
    Cli pushed = Cli.run(STEP, withPush);
    long pushedMs = (System.nanoTime() - t0) / 1_000_000;

    assertThat(pushed.code).as(pushed.toString()).isEqualTo(plain.code).isZero();
    List<String> warnings =
        pushed.err.lines().filter(l -> l.contains("cannot push")).collect(Collectors.toList());
    assertThat(warnings).as(pushed.toString()).hasSize(1);
    assertThat(warnings.get(0)).contains(target);
    assertThat(pushedMs).as("wall time with a dead target").isLessThan(plainMs + 3000);
  }

  @Test
  @DisplayName("StatsD to a closed port or an unknown host: exit 0, one warning for the host only")
  void deadStatsdTargets() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    Cli cli =
        Cli.run(
            STEP,
            "run",
            server.uri("/echo"),
            "-d",
            "1s",
            "--metrics-push",
            "statsd=127.0.0.1:" + closedPort,
            "--metrics-push",
            "statsd=no-such-host.invalid:8125");
    assertThat(cli.code).as(cli.toString()).isZero();
    List<String> warnings =
        cli.err.lines().filter(l -> l.contains("cannot push")).collect(Collectors.toList());
    assertThat(warnings).as(cli.toString()).hasSize(1);
    assertThat(warnings.get(0)).contains("statsd no-such-host.invalid:8125");
  }

  @Test
  @DisplayName("bad push specs: exit 2 and a message naming the spec")
  void badSpecs() {
    for (String spec :
        new String[] {
          "bogus",
          "kafka=x:1",
          "otlp=ftp://x/v1/metrics",
          "otlp=http:///x",
          "statsd=host",
          "statsd=host:port",
          "statsd=host:70000"
        }) {
      Cli cli = Cli.run("run", server.uri("/"), "-d", "1s", "--metrics-push", spec);
      assertThat(cli.code).as(cli.toString()).isEqualTo(2);
      assertThat(cli.err).as(spec).contains("'" + spec + "'");
    }
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
