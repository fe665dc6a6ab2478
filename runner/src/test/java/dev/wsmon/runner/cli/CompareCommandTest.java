package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.runner.report.Snapshots;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("wsmon compare, in-process on JSON exports in a temp dir")
class CompareCommandTest {

  @TempDir Path dir;

  private Path write(String name, JsonObject document) throws Exception {
    return Files.writeString(dir.resolve(name), document.encodePrettily());
  }

  private static JsonObject withTotal(JsonObject document, String key, Object value) {
    JsonObject copy = document.copy();
    copy.getJsonObject("total").put(key, value);
    return copy;
  }

  private static JsonObject withRttP99(JsonObject document, double p99) {
    JsonObject copy = document.copy();
    copy.getJsonObject("total").getJsonObject("rtt_ms").put("p99", p99);
    return copy;
  }

  @Test
  @DisplayName("identical exports: exit 0, every metric listed with its direction")
  void identical() throws Exception {
    Path a = write("a.json", Snapshots.sample());
    Cli cli = Cli.run("compare", a.toString(), a.toString());
    assertThat(cli.code).as(cli.toString()).isZero();
    assertThat(cli.out)
        .containsPattern("success_rate +92\\.857 +92\\.857 +0 +\\+0\\.0% +higher +same")
        .contains("rtt_ms.p99", "connection_latency_ms.p99", "total_uptime_seconds")
        .contains("compare: no gated metric regressed beyond 10%");
    assertThat(cli.err).isEmpty();
  }

  @Test
  @DisplayName("a p99 regression beyond the tolerance: exit 1 naming the metric")
  void regression() throws Exception {
    JsonObject base = Snapshots.sample();
    double p99 = base.getJsonObject("total").getJsonObject("rtt_ms").getDouble("p99");
    Path a = write("a.json", base);
    Path b = write("b.json", withRttP99(base, p99 * 1.5));
    Cli cli = Cli.run("compare", a.toString(), b.toString(), "--max-regression", "20%");
    assertThat(cli.code).as(cli.toString()).isEqualTo(1);
    assertThat(cli.out).containsPattern("rtt_ms\\.p99 .*\\+50\\.0% +lower +REGRESSED");
    assertThat(cli.err)
        .startsWith("compare: 1 gated metric(s) regressed beyond 20%: rtt_ms.p99 ")
        .contains("(+50.0%)");
    Cli lenient = Cli.run("compare", a.toString(), b.toString(), "--max-regression", "60");
    assertThat(lenient.code).as(lenient.toString()).isZero();
  }

  @Test
  @DisplayName("improvements and neutral changes pass; a zero-baseline rise fails")
  void directionsAndZeroBaseline() throws Exception {
    JsonObject base = withTotal(Snapshots.sample(), "protocol_errors", 0);
    Path a = write("a.json", base);
    Path better =
        write(
            "better.json",
            withTotal(withTotal(base, "success_rate", 100.0), "total_uptime_seconds", 1.0));
    Cli ok = Cli.run("compare", a.toString(), better.toString(), "--max-regression", "0%");
    assertThat(ok.code).as(ok.toString()).isZero();
    Path errors = write("errors.json", withTotal(base, "protocol_errors", 3));
    Cli failed = Cli.run("compare", a.toString(), errors.toString());
    assertThat(failed.code).as(failed.toString()).isEqualTo(1);
    assertThat(failed.err).contains("protocol_errors 0 -> 3 (+3)");
    Cli allowed =
        Cli.run("compare", a.toString(), errors.toString(), "--max-absolute-regression", "3");
    assertThat(allowed.code).as(allowed.toString()).isZero();
  }

  @Test
  @DisplayName("bad input exits 2 with a message naming the bad value")
  void badInput() throws Exception {
    Path a = write("a.json", Snapshots.sample());
    Path missing = dir.resolve("missing.json");
    Path text = Files.writeString(dir.resolve("text.json"), "not json");
    Path noTotal = write("nototal.json", new JsonObject().put("schema_version", 1));

    Cli cli = Cli.run("compare", a.toString(), missing.toString());
    assertThat(cli.code).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err).contains("no such file: " + missing);

    cli = Cli.run("compare", text.toString(), a.toString());
    assertThat(cli.code).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err).contains(text + " is not a JSON object");

    cli = Cli.run("compare", a.toString(), noTotal.toString());
    assertThat(cli.code).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err).contains("current document has no 'total' object");

    cli = Cli.run("compare", a.toString(), a.toString(), "--max-regression", "ten%");
    assertThat(cli.code).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err).contains("'ten%' is not a percentage >= 0");

    cli = Cli.run("compare", a.toString(), a.toString(), "--max-regression", "-5%");
    assertThat(cli.code).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err).contains("'-5%' is not a percentage >= 0");

    cli = Cli.run("compare", a.toString());
    assertThat(cli.code).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err).contains("CURRENT.json");
  }

  @Test
  @DisplayName("runs of different shapes: exit 2 naming the difference, unless --allow-mismatch")
  void mismatchedRuns() throws Exception {
    JsonObject base = Snapshots.sample();
    Path a = write("a.json", base);
    Path more = write("more.json", withTotal(base, "connections", 20));
    Path longer = write("longer.json", base.copy().put("elapsed_seconds", 60.0));
    Path close = write("close.json", base.copy().put("elapsed_seconds", 21.5));

    Cli cli = Cli.run("compare", a.toString(), more.toString());
    assertThat(cli.code).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err).contains("connections 10 vs 20").contains("--allow-mismatch");
    assertThat(cli.out).isEmpty();

    cli = Cli.run("compare", a.toString(), longer.toString());
    assertThat(cli.code).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err).contains("duration 20 s vs 60 s");

    cli = Cli.run("compare", a.toString(), close.toString());
    assertThat(cli.code).as("within 10%: same shape; " + cli).isZero();

    cli = Cli.run("compare", a.toString(), longer.toString(), "--allow-mismatch");
    assertThat(cli.code).as(cli.toString()).isZero();
  }

  @Test
  @DisplayName("connected and health_score are gated; min fields are not; absent close codes are 0")
  void gatedFields() throws Exception {
    JsonObject base = withTotal(Snapshots.sample(), "health_score", 100);
    Path a = write("a.json", base);

    Cli cli =
        Cli.run(
            "compare", a.toString(), write("c.json", withTotal(base, "connected", 5)).toString());
    assertThat(cli.code).as(cli.toString()).isEqualTo(1);
    assertThat(cli.err).contains("connected 9 -> 5");

    cli =
        Cli.run(
            "compare",
            a.toString(),
            write("h.json", withTotal(base, "health_score", 60)).toString());
    assertThat(cli.code).as(cli.toString()).isEqualTo(1);
    assertThat(cli.err).contains("health_score 100 -> 60");

    JsonObject slowMin = base.copy();
    slowMin.getJsonObject("total").getJsonObject("rtt_ms").put("min", 1000.0);
    cli = Cli.run("compare", a.toString(), write("m.json", slowMin).toString());
    assertThat(cli.code).as(cli.toString()).isZero();
    assertThat(cli.out).containsPattern("rtt_ms\\.min .* +- *\n");

    JsonObject noCodes = base.copy();
    noCodes.getJsonObject("total").put("close_codes", new JsonObject().put("4001", 2));
    cli = Cli.run("compare", write("n.json", noCodes).toString(), a.toString());
    assertThat(cli.code).as(cli.toString()).isZero();
    assertThat(cli.out).containsPattern("close_codes\\.1006 +0 +1 +\\+1 ");
  }
}
