package dev.wsmon.runner.load;

import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.Correlation;
import dev.wsmon.core.Durations;
import dev.wsmon.core.Redaction;
import dev.wsmon.core.protocol.Protocol;
import dev.wsmon.core.protocol.ProtocolOptions;
import dev.wsmon.runner.config.ConfigException;
import dev.wsmon.runner.config.ConfigKey;
import dev.wsmon.runner.config.ConfigSource;
import dev.wsmon.runner.config.ConnectionConfig;
import dev.wsmon.runner.config.ConnectionKeys;
import dev.wsmon.runner.config.PayloadFile;
import dev.wsmon.runner.config.ScenarioConfig;
import dev.wsmon.runner.config.ScheduledCallConfig;
import dev.wsmon.runner.config.TrackerConfig;
import dev.wsmon.runner.push.MetricsPush;
import dev.wsmon.runner.report.Threshold;
import dev.wsmon.tracker.TrackerOptions;
import dev.wsmon.wrapper.ScheduledCall;
import dev.wsmon.wrapper.monitor.RunDashboard;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The validated settings of a {@code wsmon run}, read from merged configuration (flags &gt;
 * environment &gt; file &gt; defaults). Every error names the bad value and where it came from. The
 * connection, reconnect and tracker settings are read as the options' JSON ({@link
 * ConnectionConfig}, {@link TrackerConfig}), the same path as {@code monitor}; this class keeps
 * what only a run has (duration, payload, rate, window, exports, thresholds, ...).
 */
public final class RunSettings {

  /** Every key {@code run} accepts, in config-file spelling. */
  public static final Map<String, ConfigKey> KEYS;

  /** The tracker keys {@code run} accepts. */
  private static final List<String> TRACKER_KEYS =
      List.of("statsInterval", "sampleInterval", "logStats", "trackEvents", "historySize");

  static {
    Map<String, ConfigKey> k = new LinkedHashMap<>();
    for (String single :
        List.of(
            "uri",
            "duration",
            "send",
            "binary",
            "rate",
            "window",
            "eventLoops",
            "protocol",
            "socketio",
            "stomp",
            "graphqlWs",
            "hold",
            "grace",
            "requestTimeout",
            "exportJson",
            "exportCsv",
            "exportHtml",
            "eventsJsonl",
            "junit",
            "quiet",
            "verbose")) {
      k.put(single, ConfigKey.single());
    }
    // the connection options by their JSON names (correlate and insecure as aliases)
    k.putAll(ConnectionKeys.CONFIG_KEYS);
    TRACKER_KEYS.forEach(key -> k.put(key, ConfigKey.single()));
    k.put("endpoints", ConfigKey.listOf("endpoint"));
    k.put("thresholds", ConfigKey.linesOf("threshold"));
    k.put("metricsPush", ConfigKey.listOf());
    // config-file only (issue #10): scheduled calls; the environment takes a JSON array
    k.put("scheduledCalls", ConfigKey.linesOf("scheduledCall"));
    k.putAll(ScenarioConfig.KEYS);
    // run --dashboard (RunDashboard.Settings)
    for (String dashboardKey : List.of("dashboard", "dashboardPort", "dashboardHost", "token")) {
      k.put(dashboardKey, ConfigKey.single());
    }
    // cluster runs (wsmon run --cluster): see docs/cluster.md
    for (String single :
        List.of(
            "cluster",
            "agents",
            "agentWait",
            "onAgentLoss",
            "clusterHost",
            "clusterPort",
            "clusterName")) {
      k.put(single, ConfigKey.single());
    }
    k.put("clusterMembers", ConfigKey.listOf("clusterMember"));
    KEYS = Collections.unmodifiableMap(k);
  }

  /**
   * One endpoint: a URI template and its group label.
   *
   * @param uri the URI template ({@code {conn}} allowed)
   * @param group the group label, or {@code null} for the default (the redacted URI)
   * @param connections connections of this endpoint, or {@code null} for {@code connections}
   */
  public record Endpoint(Template uri, String group, Integer connections, JsonObject protocol) {}

  private final ConfigSource source;
  private final JsonObject v;

  public final List<Endpoint> endpoints = new ArrayList<>();

  /**
   * The connection settings (connection options and reconnect policy, flat option JSON) every
   * endpoint starts from.
   */
  public final ConnectionConfig connection;

  /** Connections per endpoint that does not set its own ({@code connections}). */
  public final int connections;

  public final Duration duration;
  public final Template sendText;
  public final byte[] sendBinary;
  public final boolean binary;
  public final double rate;
  public final int window;

  /** Event loops the connections are spread over; 0 = automatic (see {@link ConnectionSpread}). */
  public final int eventLoops;

  /** How replies are matched to sends ({@code correlation}, alias {@code correlate}). */
  public final Correlation correlation;

  /** The protocol of the endpoints that do not name their own (see docs/protocols.md). */
  public final ProtocolOptions protocol;

  /**
   * Whether any TLS certificate is trusted without a host check ({@code trustAll}, {@code
   * insecure}).
   */
  public final boolean trustAll;

  /** Where the id of a binary request sits, with binary correlation; else null. */
  public final dev.wsmon.core.BinaryId binaryId;

  public final Duration hold;

  /**
   * The tracker settings ({@code statsInterval}, {@code sampleInterval}, {@code logStats}, {@code
   * trackEvents}, {@code historySize}).
   */
  public final TrackerOptions tracker;

  /** Whether {@code statsInterval} was given (stats are logged only then). */
  public final boolean statsIntervalSet;

  public final Duration grace;
  public final Duration requestTimeout;
  public final Path exportJson;
  public final Path exportCsv;
  public final Path exportHtml;
  public final Path eventsJsonl;
  public final Path junit;
  public final List<Threshold> thresholds = new ArrayList<>();
  public final List<MetricsPush.Target> metricsPush = new ArrayList<>();
  public final boolean quiet;
  public final boolean verbose;
  public final List<ScheduledCall> scheduledCalls;

  /** The scenario, feeder and message checks (issue #27). */
  public final ScenarioConfig scenario;

  /** The live dashboard of {@code --dashboard}, or {@code null} without it. */
  public final RunDashboard.Settings dashboard;

  /** Cluster run settings (keys that only the coordinator reads; agents get the rest). */
  public static final List<String> CLUSTER_KEYS =
      List.of(
          "cluster",
          "agents",
          "agentWait",
          "onAgentLoss",
          "clusterHost",
          "clusterPort",
          "clusterName",
          "clusterMembers");

  public final boolean cluster;
  public final int agents;
  public final Duration agentWait;
  public final String onAgentLoss;
  public final String clusterHost;
  public final int clusterPort;
  public final String clusterName;
  public final List<String> clusterMembers = new ArrayList<>();

  private RunSettings(ConfigSource source) {
    this.source = source;
    this.v = source.values();
    for (String key : v.fieldNames()) {
      if (!KEYS.containsKey(key) && !ConnectionKeys.ALIASES.containsKey(key)) {
        throw new ConfigException("unknown setting '" + key + "' (" + source.origin(key) + ")");
      }
    }
    readEndpoints();
    connection = ConnectionConfig.read(v, source::origin);
    ConnectionOptions defaults = connection.defaults();
    connection.reconnectPolicy();
    connection.checkTlsFiles();
    connections = defaults.getConnections();
    correlation = defaults.getSendOptions().getCorrelation();
    trustAll = defaults.isTrustAll();
    duration = duration("duration", null, false);
    binary = bool("binary", false);
    Object send = v.getValue("send");
    Template text = null;
    byte[] bytes = null;
    if (send != null) {
      String s = string("send");
      if (PayloadFile.named(s)) {
        Path file = Path.of(s.substring(1));
        if (binary) {
          bytes = PayloadFile.bytes(file, problem -> bad("send", s, problem));
        } else {
          text = Template.of(PayloadFile.text(file, problem -> bad("send", s, problem)));
        }
      } else if (binary) {
        bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      } else {
        text = Template.of(s);
      }
    }
    sendText = text;
    sendBinary = bytes;
    boolean sending = text != null || bytes != null;
    rate = doubleValue("rate", sending ? 1.0 : 0.0, 0, 1_000_000);
    if (v.containsKey("rate") && !sending) {
      throw new ConfigException(
          source.origin("rate") + " needs a payload: add --send TEXT or --send @FILE");
    }
    window = intValue("window", 1, 1, 1_000_000);
    eventLoops = intValue("eventLoops", 0, 0, ConnectionSpread.MAX_EVENT_LOOPS);
    binaryId = correlation.kind() == Correlation.Kind.BINARY ? correlation.binaryId() : null;
    if (binaryId != null) {
      checkBinaryPayload(String.valueOf(v.getValue("correlation")), binaryId, bytes, text);
    }
    if (correlation.kind() == Correlation.Kind.JSON_FIELD && text != null) {
      String correlationField = correlation.field();
      if (correlation.keyOf(text.render(1, 1)) == null) {
        String given = string("send");
        throw bad(
            "send",
            given.length() > 80 ? given.substring(0, 79) + "~" : given,
            "with --correlate json:"
                + correlationField
                + " every message must be a JSON object with the field '"
                + correlationField
                + "'"
                + (correlationField.contains(".")
                    ? ""
                    : " (e.g. {\"" + correlationField + "\":{seq}})")
                + ", or no reply can be matched to it");
      }
    }
    if (sending
        && rate == 0
        && (correlation.kind() == Correlation.Kind.NONE
            || (binary && correlation.kind() != Correlation.Kind.BINARY))) {
      throw new ConfigException(
          "--rate 0 keeps --window messages in flight and needs their replies matched: use a text"
              + " payload with --correlate fifo or json:FIELD, a --binary one with --correlate"
              + " binary:OFFSET:LEN, or give a rate above 0");
    }
    protocol = protocolOf(protocolKeys(v), "protocol settings");
    checkProtocolSends(sending);
    hold = duration("hold", null, false);
    tracker = TrackerConfig.read(v, source::origin, TRACKER_KEYS);
    statsIntervalSet = v.getValue("statsInterval") != null;
    grace = duration("grace", Duration.ofSeconds(2), true);
    requestTimeout = duration("requestTimeout", Duration.ofSeconds(10), false);
    exportJson = path("exportJson");
    exportCsv = path("exportCsv");
    exportHtml = path("exportHtml");
    eventsJsonl = path("eventsJsonl");
    junit = path("junit");
    for (String t : strings("thresholds")) {
      try {
        thresholds.add(Threshold.parse(t));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("invalid " + source.origin("thresholds") + ": " + e.getMessage());
      }
    }
    for (String p : strings("metricsPush")) {
      try {
        metricsPush.add(MetricsPush.parse(p));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(
            "invalid " + source.origin("metricsPush") + ": " + e.getMessage());
      }
    }
    quiet = bool("quiet", false);
    verbose = bool("verbose", false);
    scheduledCalls =
        ScheduledCallConfig.read(v.getValue("scheduledCalls"), source.origin("scheduledCalls"));
    scenario = ScenarioConfig.read(v, source::origin, System::getenv);
    dashboard = readDashboard();
    cluster = bool("cluster", false);
    agents = intValue("agents", 1, 1, 10_000);
    agentWait = duration("agentWait", Duration.ofSeconds(60), false);
    onAgentLoss = v.containsKey("onAgentLoss") ? string("onAgentLoss") : "continue";
    if (!onAgentLoss.equals("continue") && !onAgentLoss.equals("fail")) {
      throw bad("onAgentLoss", onAgentLoss, "use continue or fail");
    }
    clusterHost = v.containsKey("clusterHost") ? optionalString("clusterHost") : "127.0.0.1";
    clusterPort = intValue("clusterPort", 5701, 1, 65535);
    clusterName = v.containsKey("clusterName") ? optionalString("clusterName") : "wsmon";
    clusterMembers.addAll(strings("clusterMembers"));
    if (cluster && !scheduledCalls.isEmpty()) {
      throw new ConfigException(
          source.origin("scheduledCalls")
              + ": scheduled calls run on this JVM's connections and are not supported with"
              + " --cluster");
    }
    for (String key : CLUSTER_KEYS) {
      if (!cluster && !key.equals("cluster") && v.containsKey(key)) {
        throw new ConfigException(source.origin(key) + " needs --cluster");
      }
    }
    if (endpoints.isEmpty()) {
      throw new ConfigException(
          "no target: give a ws:// or wss:// URI (wsmon run ws://HOST:PORT/path) or set uri or"
              + " endpoints in --config");
    }
    if (scenario.scenario() != null) {
      for (Endpoint endpoint : endpoints) {
        try {
          scenario.scenario().checkProtocol(protocolOf(endpoint).getProtocol());
        } catch (IllegalArgumentException e) {
          throw new ConfigException("invalid " + source.origin("scenario") + ": " + e.getMessage());
        }
      }
    }
  }

  /** Reads and validates the settings. */
  public static RunSettings from(ConfigSource source) {
    return new RunSettings(source);
  }

  /** The merged setting values (camelCase keys), a copy; what cluster agents are sent. */
  public JsonObject values() {
    return v.copy();
  }

  /** Whether the run sends messages. */
  public boolean sending() {
    return sendText != null || sendBinary != null;
  }

  private RunDashboard.Settings readDashboard() {
    boolean on = bool("dashboard", false);
    for (String key : List.of("dashboardPort", "dashboardHost", "token")) {
      // a flag without --dashboard is a mistake; a file or WSMON_TOKEN may hold them for later runs
      if (!on && v.getValue(key) != null && source.origin(key).startsWith("--")) {
        throw new ConfigException(source.origin(key) + " is used only with --dashboard: add it");
      }
    }
    if (!on) {
      return null;
    }
    int port = intValue("dashboardPort", RunDashboard.Settings.DEFAULT_PORT, 0, 65535);
    String host = optionalString("dashboardHost");
    String token = optionalString("token");
    try {
      new dev.wsmon.wrapper.monitor.MonitorOptions().setToken(token);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("invalid " + source.origin("token") + ": " + e.getMessage());
    }
    return new RunDashboard.Settings(
        host == null ? RunDashboard.Settings.DEFAULT_HOST : host, port, token);
  }

  private void readEndpoints() {
    if (v.containsKey("uri")) {
      endpoints.add(new Endpoint(uri("uri", string("uri")), null, null, null));
    }
    Object list = v.getValue("endpoints");
    if (list == null) {
      return;
    }
    if (!(list instanceof JsonArray array)) {
      throw bad("endpoints", list, "a list of URIs or of {uri, group} objects");
    }
    for (int i = 0; i < array.size(); i++) {
      Object item = array.getValue(i);
      if (item instanceof String s && s.trim().startsWith("{")) {
        try {
          item = new JsonObject(s);
        } catch (io.vertx.core.json.DecodeException e) {
          throw bad("endpoints", s, "an endpoint written as JSON must be a JSON object");
        }
      }
      if (item instanceof String s) {
        endpoints.add(new Endpoint(uri("endpoints", s), null, null, null));
      } else if (item instanceof JsonObject o && o.getValue("uri") instanceof String s) {
        endpoints.add(endpointObject(o, s, i));
      } else {
        throw bad(
            "endpoints", item, "each endpoint is a URI or an object with uri (group, connections)");
      }
    }
  }

  /** The keys of an endpoint object in {@code endpoints}. */
  public static final List<String> ENDPOINT_KEYS =
      List.of("uri", "group", "connections", "protocol", "socketio", "stomp", "graphqlWs");

  private Endpoint endpointObject(JsonObject o, String uri, int index) {
    for (String key : o.fieldNames()) {
      if (!ENDPOINT_KEYS.contains(key)) {
        throw new ConfigException(
            "unknown key '"
                + key
                + "' in endpoints["
                + index
                + "] ("
                + source.origin("endpoints")
                + "); an endpoint has "
                + String.join(", ", ENDPOINT_KEYS));
      }
    }
    Object group = o.getValue("group");
    if (group instanceof JsonObject || group instanceof JsonArray) {
      throw bad("endpoints", group, "an endpoint's group must be a text label");
    }
    Object n = o.getValue("connections");
    Integer count = null;
    if (n != null) {
      try {
        long c = n instanceof Number num ? num.longValue() : Long.parseLong(n.toString().trim());
        if (c < 1 || c > 10_000_000 || (n instanceof Number num && num.doubleValue() != c)) {
          throw new NumberFormatException();
        }
        count = (int) c;
      } catch (NumberFormatException e) {
        throw bad("endpoints", n, "an endpoint's connections must be a whole number >= 1");
      }
    }
    JsonObject protocolKeys = protocolKeys(o);
    protocolOf(protocolKeys, "endpoints[" + index + "]");
    return new Endpoint(
        uri("endpoints", uri),
        group == null ? null : group.toString(),
        count,
        protocolKeys.isEmpty() ? null : protocolKeys);
  }

  /** The protocol keys ({@link ProtocolOptions#JSON_KEYS}) of {@code o}, blocks as objects. */
  private static JsonObject protocolKeys(JsonObject o) {
    JsonObject keys = new JsonObject();
    for (String key : ProtocolOptions.JSON_KEYS) {
      Object value = o.getValue(key);
      if (value instanceof String text && text.trim().startsWith("{")) {
        try {
          value = new JsonObject(text);
        } catch (io.vertx.core.json.DecodeException e) {
          throw new ConfigException(key + " must be a JSON object, got '" + text + "'");
        }
      }
      if (value != null) {
        keys.put(key, value);
      }
    }
    return keys;
  }

  private ProtocolOptions protocolOf(JsonObject keys, String where) {
    try {
      return new ProtocolOptions(keys);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage() + " (" + where + ")");
    }
  }

  /**
   * The protocol options of {@code endpoint}: the run's protocol keys, overridden by the endpoint's
   * own.
   */
  public ProtocolOptions protocolOf(Endpoint endpoint) {
    if (endpoint.protocol() == null) {
      return protocol;
    }
    JsonObject merged = protocolKeys(v).copy();
    endpoint.protocol().forEach(e -> merged.put(e.getKey(), e.getValue()));
    return protocolOf(merged, "endpoints");
  }

  private Template uri(String key, String text) {
    validateUri(source.origin(key), text);
    return Template.of(text);
  }

  /**
   * Checks that {@code text} (after {@code {conn}}/{@code {seq}} substitution) is a ws:// or wss://
   * URI with a host.
   *
   * @throws ConfigException saying what to do
   */
  public static void validateUri(String origin, String rawText) {
    String text = Redaction.uri(rawText);
    String sample = Template.of(rawText).render(1, 1);
    URI uri;
    try {
      uri = new URI(sample);
    } catch (URISyntaxException e) {
      throw new ConfigException(
          "'" + text + "' is not a valid URI (" + e.getReason() + "); write ws://HOST:PORT/path");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("http") || scheme.equals("https")) {
      String fixed = (scheme.equals("http") ? "ws" : "wss") + text.substring(scheme.length());
      throw new ConfigException(
          "'"
              + text
              + "' is an HTTP URL; WebSocket URIs start with ws:// or wss://, e.g. "
              + fixed);
    }
    if (!scheme.equals("ws") && !scheme.equals("wss")) {
      throw new ConfigException(
          "'"
              + text
              + "' is not a WebSocket URI; use ws://HOST:PORT/path or wss://HOST:PORT/path ("
              + origin
              + ")");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new ConfigException(
          "'" + text + "' has no host; write " + scheme + "://HOST:PORT/path (" + origin + ")");
    }
    if (uri.getPort() > 65535) {
      throw new ConfigException("'" + text + "' has an invalid port " + uri.getPort());
    }
  }

  private void checkProtocolSends(boolean sending) {
    List<ProtocolOptions> used = new ArrayList<>();
    for (Endpoint e : endpoints) {
      used.add(protocolOf(e));
    }
    for (ProtocolOptions p : used) {
      if (p.getProtocol() == Protocol.RAW || !sending) {
        continue;
      }
      if (binary) {
        throw new ConfigException(
            "--binary cannot be sent with --protocol " + p.getProtocol().configName());
      }
      if (p.getProtocol() == Protocol.STOMP && p.getStomp().getDestination() == null) {
        throw new ConfigException(
            "--send with --protocol stomp needs stomp.destination (the SEND destination)");
      }
    }
  }

  private void checkBinaryPayload(
      String correlate, dev.wsmon.core.BinaryId id, byte[] bytes, Template text) {
    if (text != null) {
      throw bad(
          "correlation",
          correlate,
          "binary correlation needs a --binary payload (--send TEXT --binary or --send @FILE"
              + " --binary)");
    }
    if (bytes != null && bytes.length < id.minMessageLength()) {
      throw bad(
          "send",
          string("send"),
          "the binary payload has "
              + bytes.length
              + " bytes, but --correlate "
              + correlate
              + " writes each request's id at bytes "
              + id.offset()
              + " to "
              + (id.minMessageLength() - 1)
              + ": give a payload of at least "
              + id.minMessageLength()
              + " bytes");
    }
  }

  private ConfigException bad(String key, Object value, String hint) {
    return ConfigException.invalid(source.origin(key), value, hint);
  }

  private String string(String key) {
    Object value = v.getValue(key);
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    throw bad(key, value, "expected a text value");
  }

  private String optionalString(String key) {
    if (!v.containsKey(key) || v.getValue(key) == null) {
      return null;
    }
    String s = string(key);
    if (s.isBlank()) {
      throw bad(key, s, "must not be empty");
    }
    return s;
  }

  private Path path(String key) {
    String s = optionalString(key);
    return s == null ? null : Path.of(s);
  }

  private List<String> strings(String key) {
    Object value = v.getValue(key);
    if (value == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    if (value instanceof JsonArray array) {
      for (Object item : array) {
        if (item == null || item instanceof JsonObject || item instanceof JsonArray) {
          throw bad(key, item, "expected a list of text values");
        }
        out.add(item.toString());
      }
    } else {
      out.add(string(key));
    }
    return out;
  }

  private boolean bool(String key, boolean def) {
    Object value = v.getValue(key);
    if (value == null) {
      return def;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    String s = value.toString().trim().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw bad(key, value, "expected true or false");
    };
  }

  private int intValue(String key, int def, long min, long max) {
    Object value = v.getValue(key);
    if (value == null) {
      return def;
    }
    long n;
    try {
      n = value instanceof Number num ? num.longValue() : Long.parseLong(value.toString().trim());
      if (value instanceof Number num && num.doubleValue() != n) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      throw bad(key, value, "expected a whole number");
    }
    if (n < min || n > max) {
      throw bad(key, value, rangeHint(min, max));
    }
    return (int) n;
  }

  private double doubleValue(String key, double def, double min, double max) {
    Object value = v.getValue(key);
    if (value == null) {
      return def;
    }
    double n;
    try {
      n =
          value instanceof Number num
              ? num.doubleValue()
              : Double.parseDouble(value.toString().trim());
    } catch (NumberFormatException e) {
      throw bad(key, value, "expected a number");
    }
    if (Double.isNaN(n) || n < min || n > max) {
      throw bad(key, value, "must be between " + fmt(min) + " and " + fmt(max));
    }
    return n;
  }

  private Duration duration(String key, Duration def, boolean zeroAllowed) {
    Object value = v.getValue(key);
    if (value == null) {
      return def;
    }
    Duration d;
    try {
      d = Durations.fromConfig(key, value);
    } catch (IllegalArgumentException e) {
      throw bad(key, value, "expected a duration such as 500ms, 10s, 2m or 1h");
    }
    if (d.isNegative() || (!zeroAllowed && d.isZero())) {
      throw bad(key, value, zeroAllowed ? "must not be negative" : "must be greater than zero");
    }
    return d;
  }

  private static String rangeHint(long min, long max) {
    if (max >= Integer.MAX_VALUE) {
      return min == -1 ? "must be -1 (unlimited) or more" : "must be at least " + min;
    }
    return "must be between " + min + " and " + max;
  }

  private static String fmt(double d) {
    return Threshold.formatNumber(d);
  }
}
