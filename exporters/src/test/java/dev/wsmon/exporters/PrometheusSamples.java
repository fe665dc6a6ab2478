package dev.wsmon.exporters;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Prometheus text exposition 0.0.4 samples and maps wsmon meter names (DESIGN.md "Micrometer
 * meters") to the snapshot keys they mirror.
 */
final class PrometheusSamples {

  /** Meter name to the snapshot key of a group or total object. */
  static final Map<String, String> SNAPSHOT_KEYS = new LinkedHashMap<>();

  static {
    SNAPSHOT_KEYS.put("wsmon.connection.attempts", "connection_attempts");
    SNAPSHOT_KEYS.put("wsmon.connection.successes", "successful_connections");
    SNAPSHOT_KEYS.put("wsmon.connection.failures", "failed_connections");
    SNAPSHOT_KEYS.put("wsmon.connection.attempts.abandoned", "attempts_abandoned");
    SNAPSHOT_KEYS.put("wsmon.connection.disconnections", "disconnections");
    SNAPSHOT_KEYS.put("wsmon.connection.reconnections", "reconnections");
    SNAPSHOT_KEYS.put("wsmon.connections.active", "connected");
    SNAPSHOT_KEYS.put("wsmon.connection.latency", "connection_latency_ms");
    SNAPSHOT_KEYS.put("wsmon.messages.sent", "messages_sent");
    SNAPSHOT_KEYS.put("wsmon.messages.received", "messages_received");
    SNAPSHOT_KEYS.put("wsmon.bytes.sent", "bytes_sent");
    SNAPSHOT_KEYS.put("wsmon.bytes.received", "bytes_received");
    SNAPSHOT_KEYS.put("wsmon.send.failures", "send_failures");
    SNAPSHOT_KEYS.put("wsmon.request.timeouts", "request_timeouts");
    SNAPSHOT_KEYS.put("wsmon.requests.abandoned", "requests_abandoned");
    SNAPSHOT_KEYS.put("wsmon.protocol.errors", "protocol_errors");
    SNAPSHOT_KEYS.put("wsmon.close.codes", "close_codes");
    SNAPSHOT_KEYS.put("wsmon.rtt", "rtt_ms");
    SNAPSHOT_KEYS.put("wsmon.ping.rtt", "ping_rtt_ms");
  }

  static final Set<String> TIMERS =
      Set.of("wsmon.connection.latency", "wsmon.rtt", "wsmon.ping.rtt");

  private static final Pattern LINE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+)(\\s+\\d+)?$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

  private PrometheusSamples() {}

  /** One sample line. */
  record Sample(String name, Map<String, String> labels, double value) {}

  static List<Sample> parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        throw new IllegalArgumentException("not a sample line: " + line);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) {
          labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
      }
      samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
    }
    return samples;
  }

  static String prometheusName(String meter) {
    return meter.replace('.', '_');
  }

  /** The wsmon meter a sample name belongs to (longest matching prefix), or null. */
  static String meterOf(String sampleName) {
    return SNAPSHOT_KEYS.keySet().stream()
        .filter(
            m ->
                sampleName.startsWith(prometheusName(m) + "_")
                    || sampleName.equals(prometheusName(m)))
        .max(Comparator.comparingInt(String::length))
        .orElse(null);
  }
}
