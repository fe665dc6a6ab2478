package dev.wsmon.exporters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.exporters.impl.HtmlEscape;
import dev.wsmon.tracker.StatsSnapshot;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("HTML report")
class HtmlReportTest {

  static final String XSS = "</script><script>document.title='pwned';alert(1)</script>";

  private static final Pattern DATA =
      Pattern.compile(
          "<script type=\"application/json\" id=\"wsmon-data\">(.*?)</script>", Pattern.DOTALL);

  static JsonObject embeddedData(String html) {
    Matcher m = DATA.matcher(html);
    assertThat(m.find()).as("page embeds its data").isTrue();
    return new JsonObject(m.group(1));
  }

  static int dataPoints(String html, String chartId) {
    Matcher m = Pattern.compile("id=\"" + chartId + "\" data-points=\"(\\d+)\"").matcher(html);
    assertThat(m.find()).as("chart %s is on the page", chartId).isTrue();
    return Integer.parseInt(m.group(1));
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  @Nested
  @DisplayName("escapes server-supplied text")
  class Escaping {

    @Test
    @DisplayName("HtmlEscape: markup characters, null, script JSON")
    void escape() {
      assertThat(HtmlEscape.html("<a href=\"x\">'&'</a>"))
          .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
      assertThat(HtmlEscape.html(null)).isEmpty();
      String json = new JsonObject().put("r", "</script>&\u2028\u2029").encode();
      String safe = HtmlEscape.scriptJson(json);
      assertThat(safe)
          .doesNotContain("<", ">", "&", "\u2028", "\u2029")
          .contains("\\u003c/script\\u003e\\u0026\\u2028\\u2029");
      assertThat(new JsonObject(safe).getString("r")).isEqualTo("</script>&\u2028\u2029");
    }

    @Test
    @DisplayName("a close reason with a script element stays text in the tables and the data")
    void reason() {
      JsonObject snapshot = new SnapshotFixture().reason(XSS).build();
      snapshot.getJsonObject("total").put("last_close_reason", XSS);
      snapshot.getJsonObject("groups").put("<img src=x onerror=alert(2)>", new JsonObject());

      String html = Exporters.html(snapshot, SnapshotFixture.series(4));

      assertThat(html)
          .doesNotContain(XSS)
          .doesNotContain("<img src=x")
          .contains("&lt;/script&gt;&lt;script&gt;document.title=&#39;pwned&#39;")
          .contains("&lt;img src=x onerror=alert(2)&gt;");
      assertThat(count(html, "</script>")).as("only the page's own script elements").isEqualTo(3);
      assertThat(count(html, "<script")).isEqualTo(3);
      assertThat(
              embeddedData(html)
                  .getJsonObject("snapshot")
                  .getJsonObject("total")
                  .getString("last_close_reason"))
          .isEqualTo(XSS);
    }

    @Test
    @DisplayName("threshold verdicts are shown, their expressions escaped")
    void thresholds() {
      JsonObject snapshot = new SnapshotFixture().build();
      snapshot.put(
          "thresholds",
          new JsonArray()
              .add(
                  new JsonObject()
                      .put("expression", "success_rate>=99")
                      .put("passed", true)
                      .put("actual", 100.0))
              .add(
                  new JsonObject()
                      .put("expression", "rtt_ms.p99<5 <b>")
                      .put("passed", false)
                      .putNull("actual")));

      String html = Exporters.html(snapshot, new JsonArray());

      assertThat(html)
          .contains("verdict pass\">PASS</span><code>success_rate&gt;=99</code>")
          .contains("verdict fail\">FAIL</span><code>rtt_ms.p99&lt;5 &lt;b&gt;</code>")
          .contains("actual 100<")
          .contains("actual \u2014<");
      assertThat(Exporters.html(new SnapshotFixture().build(), new JsonArray()))
          .doesNotContain("id=\"thresholds\"");
    }

    @Test
    @DisplayName("scenario results: a row per step, check and group, failures, names escaped")
    void scenario() {
      JsonObject snapshot = new SnapshotFixture().build();
      JsonObject sc =
          new JsonObject(
              "{\"name\":\"feed\",\"iterations\":3,\"completed\":2,\"failed\":1,"
                  + "\"interrupted\":0,\"steps\":{\"pong<b>\":{\"kind\":\"expect\",\"runs\":15,"
                  + "\"ok\":14,\"failed\":0,\"timed_out\":1,\"latency_ms\":{\"p50\":0.5,"
                  + "\"p90\":1.5,\"p99\":2.25,\"max\":3.0}}},\"checks\":{\"passes\":14,"
                  + "\"fails\":1,\"rate\":0.9333,\"by_check\":{\"pong<b>\":{\"passes\":14,"
                  + "\"fails\":1,\"rate\":0.9333}}}}");
      snapshot.getJsonObject("total").put("scenario", sc);
      JsonObject groups = snapshot.getJsonObject("groups");
      groups.fieldNames().forEach(g -> groups.getJsonObject(g).put("scenario", sc.copy()));
      groups.put("ws://b/<i>", new JsonObject().put("scenario", sc.copy()));
      snapshot
          .getJsonArray("events")
          .add(
              new JsonObject()
                  .put("connection_id", "c-2")
                  .put("type", "STEP_FAILED")
                  .put("timestamp", "2026-01-01T00:00:05Z")
                  .put("reason", "step 'pong' timed out: " + XSS));

      String html = Exporters.html(snapshot, new JsonArray());

      assertThat(html)
          .contains("<section id=\"scenario\">")
          .contains("<h2>Scenario feed</h2>")
          .contains(
              "<tr data-step=\"pong&lt;b&gt;\"><td><code>pong&lt;b&gt;</code></td><td>expect</td>"
                  + "<td class=\"n\" data-key=\"runs\" data-sort=\"15\">15</td>")
          .contains("data-key=\"latency_ms.p90\" data-sort=\"1.5\">1.5 ms</td>")
          .contains("data-key=\"latency_ms.max\" data-sort=\"3.0\">3 ms</td>")
          .contains("data-key=\"checks.rate\" data-sort=\"0.9333\">93.33 %</td>")
          .contains("<tr data-group=\"ws://b/&lt;i&gt;\">")
          .contains("id=\"scenario-failures\"")
          .contains("step &#39;pong&#39; timed out: &lt;/script&gt;")
          .doesNotContain(XSS);
      assertThat(Exporters.html(new SnapshotFixture().build(), new JsonArray()))
          .doesNotContain("id=\"scenario\"");
    }
  }

  @Nested
  @DisplayName("charts")
  class Charts {

    @Test
    @DisplayName("data-points counts the points with a value for the chart, server-side")
    void counts() {
      String html = Exporters.html(new SnapshotFixture().build(), SnapshotFixture.series(4));

      assertThat(dataPoints(html, "chart-connections")).isEqualTo(4);
      assertThat(dataPoints(html, "chart-messages")).isEqualTo(4);
      assertThat(dataPoints(html, "chart-rtt")).isEqualTo(3);
      assertThat(dataPoints(html, "chart-connect-latency")).isEqualTo(1);
      assertThat(html).doesNotContain("chart-feed-gaps");
      JsonObject data = embeddedData(html);
      assertThat(data.getJsonArray("points")).isEqualTo(SnapshotFixture.series(4));
      assertThat(data.getJsonArray("charts")).hasSize(4);
      assertThat(data.getValue("live")).isNull();
    }

    @Test
    @DisplayName("feed gaps get a chart when the points carry them")
    void feedGaps() {
      JsonArray points = SnapshotFixture.series(3);
      points.getJsonObject(1).put("feed_gaps", 2);
      points.getJsonObject(2).put("feed_gaps", 0);

      String html = Exporters.html(new SnapshotFixture().build(), points);

      assertThat(dataPoints(html, "chart-feed-gaps")).isEqualTo(2);
    }

    @Test
    @DisplayName("an empty series gives empty charts saying so")
    void empty() {
      String html = Exporters.html(new SnapshotFixture().build(), new JsonArray());

      for (String id : List.of("chart-connections", "chart-messages", "chart-rtt")) {
        assertThat(dataPoints(html, id)).isZero();
      }
      assertThat(count(html, "chart-body empty\">no data</div>")).isEqualTo(4);
    }

    @Test
    @DisplayName("null and non-finite values are not counted and are written as null")
    void nulls() {
      JsonArray points = new JsonArray();
      points.add(new JsonObject().put("timestamp", "2026-01-01T00:00:01Z").put("rtt_p50_ms", null));
      points.add(
          new JsonObject().put("timestamp", "2026-01-01T00:00:02Z").put("rtt_p50_ms", Double.NaN));
      points.add("not a point");

      String html = Exporters.html(new SnapshotFixture().build(), points);

      assertThat(dataPoints(html, "chart-rtt")).isZero();
      assertThat(embeddedData(html).getJsonArray("points").getJsonObject(1).getValue("rtt_p50_ms"))
          .isNull();
    }
  }

  @Nested
  @DisplayName("page")
  class Page {

    @Test
    @DisplayName("is self-contained: uPlot and the report assets inlined, nothing to fetch")
    void selfContained() {
      String html = Exporters.html(new SnapshotFixture().build(), SnapshotFixture.series(2));

      assertThat(html)
          .startsWith("<!DOCTYPE html>")
          .contains("<title>wsmon report</title>")
          .contains("var uPlot=")
          .contains(".uplot")
          .contains("window.WsmonReport")
          .doesNotContain("<link")
          .doesNotContain("src=\"")
          .doesNotContain("@import");
    }

    @Test
    @DisplayName("headline figures, table rows per connection, close codes, timeline")
    void content() {
      JsonObject snapshot = new SnapshotFixture().connections(5).build();
      snapshot.getJsonObject("total").put("success_rate", null);

      String html = Exporters.html(snapshot, new JsonArray());

      String table = html.substring(html.indexOf("id=\"connection-table\""));
      table = table.substring(table.indexOf("<tbody>"), table.indexOf("</tbody>"));
      assertThat(count(table, "<tr>")).isEqualTo(5);
      assertThat(html)
          .contains("data-metric=\"success_rate\" data-format=\"pct\">\u2014</span>")
          .contains("data-metric=\"connections\" data-format=\"int\">5</span>")
          .contains("<li>" + SnapshotFixture.GROUP_A + "</li>")
          .contains("class=\"code\" data-code=\"1001\"")
          .contains("abnormal (no close frame)")
          .contains("<span class=\"type DISCONNECTED\">DISCONNECTED</span>")
          .contains("server going away, &quot;maintenance&quot;\nback soon")
          .contains("duration <b>12.5 s</b>");
    }

    @Test
    @DisplayName("the StatsSnapshot overload renders the same page; a live renderer embeds its URL")
    void overloadsAndLive() {
      JsonObject json = new SnapshotFixture().build();
      JsonArray points = SnapshotFixture.series(3);
      List<JsonObject> list = new ArrayList<>();
      points.forEach(p -> list.add((JsonObject) p));
      StatsSnapshot snapshot = StatsSnapshot.fromJson(json);

      assertThat(Exporters.html(snapshot, list))
          .isEqualTo(Exporters.html(snapshot.toJson(), points));
      HtmlReportRenderer live = new HtmlReportRenderer("/events?token=<x>");
      assertThat(live.liveSource()).isEqualTo("/events?token=<x>");
      assertThat(embeddedData(live.render(json, points)).getString("live"))
          .isEqualTo("/events?token=<x>");
      assertThat(new HtmlReportRenderer().liveSource()).isNull();
    }

    @Test
    @DisplayName("live sections are the page's own elements, escaped, and capped in rows")
    void liveSections() {
      JsonObject json = new SnapshotFixture().connections(3).reason(XSS).build();
      HtmlReportRenderer live = new HtmlReportRenderer("events");
      String page = live.render(json, SnapshotFixture.series(2));

      JsonObject sections = live.liveSections(json);

      assertThat(sections.fieldNames())
          .containsExactly("report-head", "figures", "connections", "close-codes", "timeline");
      sections.forEach(
          e -> {
            String html = (String) e.getValue();
            assertThat(html).as(e.getKey()).contains("id=\"" + e.getKey() + "\"");
            assertThat(page).as("the page holds %s as rendered", e.getKey()).contains(html);
            assertThat(html).doesNotContain(XSS).doesNotContain("<script");
          });
      assertThat(sections.getString("timeline")).contains("&lt;/script&gt;&lt;script&gt;");
      assertThat(page).contains("<title>wsmon dashboard</title>");
      assertThat(new HtmlReportRenderer().liveSections(json)).isNull();

      json.getJsonObject("total")
          .put(
              "scenario",
              new JsonObject(
                  "{\"name\":\"live\",\"iterations\":1,\"steps\":{\"pong\":{\"ok\":7}}}"));
      String withScenario = live.render(json, SnapshotFixture.series(2));
      String scenario = live.liveSections(json).getString("scenario");
      assertThat(scenario)
          .startsWith("<section id=\"scenario\">")
          .contains("data-key=\"ok\" data-sort=\"7\"");
      assertThat(withScenario).contains(scenario);

      JsonObject many = new SnapshotFixture().connections(600).build();
      String rows = live.liveSections(many).getString("connections");
      assertThat(count(rows.substring(rows.indexOf("<tbody>")), "<tr>"))
          .isEqualTo(HtmlReportRenderer.LIVE_MAX_ROWS);
      assertThat(rows).contains("first 500 of 600");
      String all = Exporters.html(many, new JsonArray());
      String table = all.substring(all.indexOf("id=\"connection-table\""));
      table = table.substring(table.indexOf("<tbody>"), table.indexOf("</tbody>"));
      assertThat(count(table, "<tr>")).isEqualTo(600);
    }

    @Test
    @DisplayName("a document without total is rejected, naming the problem")
    void noTotal() {
      assertThatThrownBy(() -> Exporters.html(new JsonObject(), new JsonArray()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("snapshot has no \"total\" object");
    }
  }
}
