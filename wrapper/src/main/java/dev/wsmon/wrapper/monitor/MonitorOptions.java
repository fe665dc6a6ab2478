package dev.wsmon.wrapper.monitor;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.Durations;
import dev.wsmon.exporters.ExportOptions;
import dev.wsmon.tracker.TrackerOptions;
import dev.wsmon.wrapper.Feeder;
import dev.wsmon.wrapper.MessageCheck;
import dev.wsmon.wrapper.Scenario;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Options of a {@link MonitorVerticle}: the endpoints to hold, the tracker settings and the HTTP
 * server. One JSON object carries them all (the Vert.x launcher's {@code -conf}):
 *
 * <pre>{@code
 * {"namespace": "wsmon",
 *  "endpoints": [{"uri": "ws://127.0.0.1:9000/feed", "connections": 2}],
 *  "statsInterval": "30s", "sampleInterval": "1s", "logStats": true, "trackEvents": true,
 *  "historySize": 1000, "seriesCapacity": 10000,
 *  "httpHost": "127.0.0.1", "httpPort": 8080, "token": "s3cret", "exportDirectory": "."}
 * }</pre>
 *
 * <p>Each entry of {@code endpoints} is a {@link ConnectionOptions} object (or just its URI as a
 * string); {@code uri} is a shortcut for one endpoint. Endpoints read from JSON without a {@code
 * pingInterval} get {@link #DEFAULT_PING_INTERVAL} (a monitor keeps its connections alive); set
 * {@code "pingInterval": 0} to switch pings off. They also never give up unless told to: {@code
 * maxReconnectAttempts} defaults to -1 (unlimited) and {@code retryRefusals} to true (401, 403 and
 * close 1008 retried at {@code maxReconnectDelay}); set either explicitly to change it. Unknown
 * keys are rejected, naming the key.
 */
public class MonitorOptions {

  /** The tracker's keys, written flat beside the endpoints. */
  private static final List<String> TRACKER_KEYS =
      List.of(
          "statsInterval",
          "sampleInterval",
          "logStats",
          "trackEvents",
          "historySize",
          "seriesCapacity");

  /** Default {@code namespace}: {@value}. */
  public static final String DEFAULT_NAMESPACE = Addresses.DEFAULT_NAMESPACE;

  /** Default {@code pingInterval} of endpoints read from JSON or added by URI: 10 seconds. */
  public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(10);

  /**
   * Default {@code maxReconnectAttempts} of endpoints read from JSON or added by URI: {@value}
   * (unlimited; a monitor never gives up).
   */
  public static final int DEFAULT_MAX_RECONNECT_ATTEMPTS = -1;

  /**
   * Default {@code retryRefusals} of endpoints read from JSON or added by URI: {@value} (401, 403
   * and close 1008 are retried at {@code maxReconnectDelay}).
   */
  public static final boolean DEFAULT_RETRY_REFUSALS = true;

  /** Default {@code httpHost}: {@value} (loopback only). */
  public static final String DEFAULT_HTTP_HOST = "127.0.0.1";

  /** Default {@code httpPort}: {@value}; 0 picks a free port. */
  public static final int DEFAULT_HTTP_PORT = 8080;

  /** Default {@code notifyAfter}: 30 seconds. */
  public static final Duration DEFAULT_NOTIFY_AFTER = Duration.ofSeconds(30);

  /**
   * Default {@code degradedOk}: {@value} ({@code /health} answers 503 for a degraded connection).
   */
  public static final boolean DEFAULT_DEGRADED_OK = false;

  /** Default {@code noToken}: {@value} (a non-loopback {@code httpHost} needs a token). */
  public static final boolean DEFAULT_NO_TOKEN = false;

  /** Default {@code exportDirectory}: {@value} (the working directory). */
  public static final String DEFAULT_EXPORT_DIRECTORY = ExportOptions.DEFAULT_EXPORT_DIRECTORY;

  /**
   * The endpoint keys that may also be given at the top level, as defaults for every endpoint that
   * does not set them: the TLS trust, client certificate and proxy settings.
   */
  public static final List<String> ENDPOINT_DEFAULT_KEYS =
      List.of(
          "trustStore",
          "trustStoreType",
          "trustStorePassword",
          "certFile",
          "keyFile",
          "keyStore",
          "keyStoreType",
          "keyStorePassword",
          "proxy");

  /** The JSON property names. */
  public static final List<String> JSON_KEYS =
      Stream.concat(
              Stream.of(
                  "namespace",
                  "uri",
                  "endpoints",
                  "statsInterval",
                  "sampleInterval",
                  "logStats",
                  "trackEvents",
                  "historySize",
                  "seriesCapacity",
                  "httpHost",
                  "httpPort",
                  "token",
                  "noToken",
                  "exportDirectory",
                  "probes",
                  "notify",
                  "notifyAfter",
                  "degradedOk",
                  "scenario",
                  "messageChecks"),
              // TLS trust, client certificate and proxy: defaults for every endpoint
              ENDPOINT_DEFAULT_KEYS.stream())
          .toList();

  private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]+");

  private String namespace;
  private List<ConnectionOptions> endpoints;
  private TrackerOptions tracker;
  private String httpHost;
  private int httpPort;
  private String token;
  private String exportDirectory;
  private List<ProbeOptions> probes;
  private List<NotifyTarget> notify;
  private Duration notifyAfter;
  private Scenario scenario;
  private List<MessageCheck> messageChecks;
  private Feeder feeder;
  private boolean degradedOk;
  private boolean noToken;

  /** Options with every default and no endpoints. */
  public MonitorOptions() {
    namespace = DEFAULT_NAMESPACE;
    endpoints = new ArrayList<>();
    tracker = new TrackerOptions();
    httpHost = DEFAULT_HTTP_HOST;
    httpPort = DEFAULT_HTTP_PORT;
    exportDirectory = DEFAULT_EXPORT_DIRECTORY;
    probes = new ArrayList<>();
    notify = new ArrayList<>();
    notifyAfter = DEFAULT_NOTIFY_AFTER;
    degradedOk = DEFAULT_DEGRADED_OK;
    noToken = DEFAULT_NO_TOKEN;
    messageChecks = new ArrayList<>();
  }

  /**
   * A copy of {@code other} (endpoints copied too).
   *
   * @param other the options to copy
   */
  public MonitorOptions(MonitorOptions other) {
    namespace = other.namespace;
    endpoints = new ArrayList<>();
    other.endpoints.forEach(e -> endpoints.add(new ConnectionOptions(e)));
    tracker = new TrackerOptions(other.tracker);
    httpHost = other.httpHost;
    httpPort = other.httpPort;
    token = other.token;
    exportDirectory = other.exportDirectory;
    probes = new ArrayList<>();
    other.probes.forEach(p -> probes.add(new ProbeOptions(p)));
    notify = new ArrayList<>(other.notify);
    notifyAfter = other.notifyAfter;
    degradedOk = other.degradedOk;
    noToken = other.noToken;
    scenario = other.scenario == null ? null : new Scenario(other.scenario);
    messageChecks = new ArrayList<>(other.messageChecks);
    feeder = other.feeder;
  }

  /**
   * Options read from JSON; missing keys keep their defaults.
   *
   * @param json the config
   * @throws IllegalArgumentException naming the key and the value when a key is unknown or a value
   *     is invalid
   */
  public MonitorOptions(JsonObject json) {
    this();
    Objects.requireNonNull(json, "json");
    for (String key : json.fieldNames()) {
      if (!JSON_KEYS.contains(key)) {
        throw new IllegalArgumentException(
            "unknown monitor option '"
                + key
                + "'; expected one of "
                + String.join(", ", JSON_KEYS));
      }
    }
    if (json.containsKey("namespace")) {
      setNamespace(string(json, "namespace"));
    }
    JsonObject trackerJson = new JsonObject();
    for (String key : TRACKER_KEYS) {
      if (json.containsKey(key)) {
        trackerJson.put(key, json.getValue(key));
      }
    }
    tracker = new TrackerOptions(trackerJson).setNamespace(namespace);
    JsonObject shared = new JsonObject();
    ENDPOINT_DEFAULT_KEYS.forEach(
        key -> {
          if (json.containsKey(key)) {
            shared.put(key, json.getValue(key));
          }
        });
    if (json.containsKey("uri")) {
      addEndpoint(endpoint(new JsonObject().put("uri", json.getValue("uri")), "uri", shared));
    }
    if (json.containsKey("endpoints")) {
      if (!(json.getValue("endpoints") instanceof JsonArray array)) {
        throw new IllegalArgumentException(
            "endpoints must be a list of endpoint objects or URIs, got "
                + json.getValue("endpoints"));
      }
      for (int i = 0; i < array.size(); i++) {
        Object value = array.getValue(i);
        String where = "endpoints[" + i + "]";
        if (value instanceof String uri) {
          addEndpoint(endpoint(new JsonObject().put("uri", uri), where, shared));
        } else if (value instanceof JsonObject object) {
          addEndpoint(endpoint(object, where, shared));
        } else {
          throw new IllegalArgumentException(
              where + " must be an endpoint object or a URI, got " + value);
        }
      }
    }
    if (json.containsKey("httpHost")) {
      setHttpHost(string(json, "httpHost"));
    }
    if (json.containsKey("httpPort")) {
      if (!(json.getValue("httpPort") instanceof Integer port)) {
        throw new IllegalArgumentException(
            "httpPort must be an integer, got " + json.getValue("httpPort"));
      }
      setHttpPort(port);
    }
    if (json.containsKey("token")) {
      setToken(json.getValue("token") == null ? null : string(json, "token"));
    }
    if (json.containsKey("exportDirectory")) {
      setExportDirectory(string(json, "exportDirectory"));
    }
    if (json.containsKey("probes")) {
      for (Object item : list(json, "probes")) {
        int i = probes.size();
        if (!(item instanceof JsonObject probe)) {
          throw new IllegalArgumentException(
              "probes[" + i + "] must be an object of every, send, expect, timeout, got " + item);
        }
        try {
          addProbe(new ProbeOptions(probe));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("probes[" + i + "]: " + e.getMessage(), e);
        }
      }
    }
    if (json.containsKey("notify")) {
      for (Object item : list(json, "notify")) {
        int i = notify.size();
        try {
          addNotify(NotifyTarget.fromJson(item));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("notify[" + i + "]: " + e.getMessage(), e);
        }
      }
    }
    if (json.containsKey("notifyAfter")) {
      setNotifyAfter(Durations.fromConfig("notifyAfter", json.getValue("notifyAfter")));
    }
    if (json.containsKey("degradedOk")) {
      setDegradedOk(bool(json, "degradedOk"));
    }
    if (json.containsKey("noToken")) {
      setNoToken(bool(json, "noToken"));
    }
    if (json.containsKey("scenario")) {
      if (!(json.getValue("scenario") instanceof JsonObject object)) {
        throw new IllegalArgumentException(
            "scenario must be a scenario object (with steps), got " + json.getValue("scenario"));
      }
      try {
        setScenario(new Scenario(object));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("scenario: " + e.getMessage(), e);
      }
    }
    if (json.containsKey("messageChecks")) {
      for (Object item : list(json, "messageChecks")) {
        int i = messageChecks.size();
        try {
          addMessageCheck(MessageCheck.fromConfig(item));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("messageChecks[" + i + "]: " + e.getMessage(), e);
        }
      }
    }
  }

  /** A list value; a single value counts as a list of one. */
  private static JsonArray list(JsonObject json, String key) {
    Object value = json.getValue(key);
    return value instanceof JsonArray array ? array : new JsonArray().add(value);
  }

  private static boolean bool(JsonObject json, String key) {
    if (!(json.getValue(key) instanceof Boolean b)) {
      throw new IllegalArgumentException(key + " must be true or false, got " + json.getValue(key));
    }
    return b;
  }

  private static ConnectionOptions endpoint(JsonObject json, String where, JsonObject shared) {
    JsonObject copy = json.copy();
    boolean ownClientCertificate = copy.containsKey("certFile") || copy.containsKey("keyStore");
    shared.forEach(
        e -> {
          boolean clientCertificate =
              e.getKey().equals("certFile")
                  || e.getKey().equals("keyFile")
                  || e.getKey().startsWith("keyStore");
          if (!copy.containsKey(e.getKey()) && !(clientCertificate && ownClientCertificate)) {
            copy.put(e.getKey(), e.getValue());
          }
        });
    if (!copy.containsKey("pingInterval")) {
      copy.put("pingInterval", Durations.format(DEFAULT_PING_INTERVAL));
    }
    JsonObject policy =
        copy.getValue("reconnectPolicy") instanceof JsonObject nested ? nested.copy() : copy;
    policy.getMap().putIfAbsent("maxReconnectAttempts", DEFAULT_MAX_RECONNECT_ATTEMPTS);
    policy.getMap().putIfAbsent("retryRefusals", DEFAULT_RETRY_REFUSALS);
    if (policy != copy) {
      copy.put("reconnectPolicy", policy);
    }
    try {
      return new ConnectionOptions(copy);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  private static String string(JsonObject json, String key) {
    if (!(json.getValue(key) instanceof String s)) {
      throw new IllegalArgumentException(key + " must be a string, got " + json.getValue(key));
    }
    return s;
  }

  /**
   * The JSON form, readable by {@link #MonitorOptions(JsonObject)}. It holds the token: do not log
   * it ({@link #toString()} masks it).
   *
   * @return a new JSON object
   */
  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    endpoints.forEach(e -> array.add(e.toJson()));
    JsonObject json = new JsonObject().put("namespace", namespace).put("endpoints", array);
    JsonObject trackerJson = tracker.toJson();
    for (String key : TRACKER_KEYS) {
      json.put(key, trackerJson.getValue(key));
    }
    json.put("httpHost", httpHost).put("httpPort", httpPort);
    if (token != null) {
      json.put("token", token);
    }
    json.put("exportDirectory", exportDirectory);
    if (!probes.isEmpty()) {
      JsonArray p = new JsonArray();
      probes.forEach(probe -> p.add(probe.toJson()));
      json.put("probes", p);
    }
    if (!notify.isEmpty()) {
      JsonArray n = new JsonArray();
      notify.forEach(target -> n.add(target.toJson()));
      json.put("notify", n);
    }
    if (scenario != null) {
      json.put("scenario", scenario.toJson());
    }
    if (!messageChecks.isEmpty()) {
      JsonArray c = new JsonArray();
      messageChecks.forEach(check -> c.add(check.toJson()));
      json.put("messageChecks", c);
    }
    return json.put("notifyAfter", Durations.format(notifyAfter))
        .put("degradedOk", degradedOk)
        .put("noToken", noToken);
  }

  /** The scenario run on every connection session, or {@code null} (the default) for none. */
  public Scenario getScenario() {
    return scenario;
  }

  /**
   * Sets the scenario run on every connection from the start of each session: with the default
   * {@code onReconnect: restart} it starts again after every reconnect, and {@code repeat:
   * {forever: true}} keeps it going while the connection is up. Its results are under {@code
   * scenario} in {@code /stats} (total, groups, connections) and the {@code wsmon_scenario_*}
   * meters of {@code /metrics}; failed steps are {@code STEP_FAILED} events in {@code /history}.
   * Its templates are checked at start (an unknown name fails the start, naming it).
   *
   * @param scenario the scenario (copied), or {@code null} for none
   * @return this
   */
  public MonitorOptions setScenario(Scenario scenario) {
    this.scenario = scenario == null ? null : new Scenario(scenario);
    return this;
  }

  /** The checks of every received text message (live list); empty by default. */
  public List<MessageCheck> getMessageChecks() {
    return messageChecks;
  }

  /**
   * Adds a check of every received text message, counted in {@code scenario.checks}.
   *
   * @param check the check
   * @return this
   * @throws IllegalArgumentException when a check of that name was added already
   */
  public MonitorOptions addMessageCheck(MessageCheck check) {
    Objects.requireNonNull(check, "check");
    if (messageChecks.stream().anyMatch(c -> c.getName().equals(check.getName()))) {
      throw new IllegalArgumentException("two message checks are named '" + check.getName() + "'");
    }
    messageChecks.add(check);
    return this;
  }

  /** The feeder of {@code {feed.COLUMN}} template values, or {@code null} (the default). */
  public Feeder getFeeder() {
    return feeder;
  }

  /**
   * Sets the rows for {@code {feed.COLUMN}} in scenario templates, handed out round-robin by
   * connection number. Not part of the JSON form (the {@code wsmon monitor} command reads {@code
   * feeder: FILE.csv} itself).
   *
   * @param feeder the feeder, or {@code null} for none
   * @return this
   */
  public MonitorOptions setFeeder(Feeder feeder) {
    this.feeder = feeder;
    return this;
  }

  /** The event-bus namespace, default {@value #DEFAULT_NAMESPACE}. */
  public String getNamespace() {
    return namespace;
  }

  /**
   * Sets the event-bus namespace of the connections, the tracker and the exporter.
   *
   * @param namespace letters, digits, {@code _ - . :}
   * @return this
   * @throws IllegalArgumentException naming the namespace when malformed
   */
  public MonitorOptions setNamespace(String namespace) {
    Addresses.of(namespace);
    this.namespace = namespace;
    tracker.setNamespace(namespace);
    return this;
  }

  /** The endpoints (live list); each is used as given. */
  public List<ConnectionOptions> getEndpoints() {
    return endpoints;
  }

  /**
   * Sets the endpoints, used as given (their {@code pingInterval} is not changed).
   *
   * @param endpoints the endpoints, each with a URI
   * @return this
   * @throws IllegalArgumentException naming the index of an endpoint without a URI
   */
  public MonitorOptions setEndpoints(List<ConnectionOptions> endpoints) {
    List<ConnectionOptions> copy = new ArrayList<>();
    for (ConnectionOptions e : Objects.requireNonNull(endpoints, "endpoints")) {
      copy.add(checked(e, copy.size()));
    }
    this.endpoints = copy;
    return this;
  }

  /**
   * Adds an endpoint, used as given (its {@code pingInterval} is not changed).
   *
   * @param endpoint the endpoint, with a URI
   * @return this
   * @throws IllegalArgumentException when the endpoint has no URI
   */
  public MonitorOptions addEndpoint(ConnectionOptions endpoint) {
    endpoints.add(checked(endpoint, endpoints.size()));
    return this;
  }

  /**
   * Adds an endpoint with one connection to {@code uri}, pinged every {@link
   * #DEFAULT_PING_INTERVAL}.
   *
   * @param uri a {@code ws://} or {@code wss://} URI
   * @return this
   * @throws IllegalArgumentException naming the URI when it is not a WebSocket URI
   */
  public MonitorOptions addEndpoint(String uri) {
    ConnectionOptions endpoint = new ConnectionOptions(uri).setPingInterval(DEFAULT_PING_INTERVAL);
    endpoint
        .getReconnectPolicy()
        .setMaxReconnectAttempts(DEFAULT_MAX_RECONNECT_ATTEMPTS)
        .setRetryRefusals(DEFAULT_RETRY_REFUSALS);
    return addEndpoint(endpoint);
  }

  private static ConnectionOptions checked(ConnectionOptions endpoint, int index) {
    Objects.requireNonNull(endpoint, "endpoint");
    if (endpoint.getUri() == null) {
      throw new IllegalArgumentException("endpoints[" + index + "].uri must be set");
    }
    return endpoint;
  }

  /** The tracker options (a copy), in the monitor's namespace. */
  public TrackerOptions getTrackerOptions() {
    return new TrackerOptions(tracker).setNamespace(namespace);
  }

  /**
   * Sets the tracker options ({@code statsInterval}, {@code sampleInterval}, {@code logStats},
   * {@code trackEvents}, {@code historySize}, ...); their namespace is replaced by the monitor's.
   *
   * @param tracker the options (copied)
   * @return this
   */
  public MonitorOptions setTrackerOptions(TrackerOptions tracker) {
    this.tracker = new TrackerOptions(Objects.requireNonNull(tracker, "tracker"));
    this.tracker.setNamespace(namespace);
    return this;
  }

  /** The time-series resolution, which is also the period of the {@code /events} stream. */
  public Duration getSampleInterval() {
    return tracker.getSampleInterval();
  }

  /**
   * Sets the time-series resolution and the period of the {@code /events} stream.
   *
   * @param sampleInterval at least 1 ms (default 1 s)
   * @return this
   * @throws IllegalArgumentException when shorter than 1 ms
   */
  public MonitorOptions setSampleInterval(Duration sampleInterval) {
    tracker.setSampleInterval(sampleInterval);
    return this;
  }

  /**
   * Sets how often the stats line is logged.
   *
   * @param statsInterval at least 1 ms (default 30 s)
   * @return this
   * @throws IllegalArgumentException when shorter than 1 ms
   */
  public MonitorOptions setStatsInterval(Duration statsInterval) {
    tracker.setStatsInterval(statsInterval);
    return this;
  }

  /**
   * Sets whether the periodic stats line is logged (default true).
   *
   * @param logStats whether to log
   * @return this
   */
  public MonitorOptions setLogStats(boolean logStats) {
    tracker.setLogStats(logStats);
    return this;
  }

  /** The address the HTTP server binds, default {@value #DEFAULT_HTTP_HOST}. */
  public String getHttpHost() {
    return httpHost;
  }

  /**
   * Sets the address the HTTP server binds. Anything but a loopback address exposes the stats to
   * the network: set a {@link #setToken(String) token} then.
   *
   * @param httpHost a host name or IP address, not blank
   * @return this
   * @throws IllegalArgumentException when blank
   */
  public MonitorOptions setHttpHost(String httpHost) {
    if (httpHost == null || httpHost.isBlank()) {
      throw new IllegalArgumentException("httpHost must not be blank, got '" + httpHost + "'");
    }
    this.httpHost = httpHost;
    return this;
  }

  /** The HTTP port, default {@value #DEFAULT_HTTP_PORT}; 0 picks a free one. */
  public int getHttpPort() {
    return httpPort;
  }

  /**
   * Sets the HTTP port; see {@link MonitorVerticle#actualPort()} for the one picked for 0.
   *
   * @param httpPort 0 to 65535
   * @return this
   * @throws IllegalArgumentException naming the value when out of range
   */
  public MonitorOptions setHttpPort(int httpPort) {
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException("httpPort must be 0..65535, got " + httpPort);
    }
    this.httpPort = httpPort;
    return this;
  }

  /** The bearer token every HTTP route requires, or {@code null} (default) for none. */
  public String getToken() {
    return token;
  }

  /**
   * Sets the bearer token every HTTP route requires ({@code Authorization: Bearer <token>}); the
   * dashboard page and {@code /events} also accept it as a {@code wsmon_token} cookie or a {@code
   * ?token=} query parameter.
   *
   * @param token printable ASCII without spaces, or {@code null} for no token
   * @return this
   * @throws IllegalArgumentException when empty or with other characters (the value is not echoed)
   */
  public MonitorOptions setToken(String token) {
    if (token != null && !TOKEN.matcher(token).matches()) {
      throw new IllegalArgumentException(
          "token must be printable ASCII without spaces and not empty (length "
              + token.length()
              + ")");
    }
    this.token = token;
    return this;
  }

  /** The directory export files go to, default {@value #DEFAULT_EXPORT_DIRECTORY}. */
  public String getExportDirectory() {
    return exportDirectory;
  }

  /**
   * Sets the directory that export requests with a {@code path} are confined to.
   *
   * @param exportDirectory a directory path, not blank
   * @return this
   * @throws IllegalArgumentException when blank
   */
  public MonitorOptions setExportDirectory(String exportDirectory) {
    if (exportDirectory == null || exportDirectory.isBlank()) {
      throw new IllegalArgumentException(
          "exportDirectory must not be blank, got '" + exportDirectory + "'");
    }
    this.exportDirectory = exportDirectory;
    return this;
  }

  /** The health probes run on every connection (live list). */
  public List<ProbeOptions> getProbes() {
    return probes;
  }

  /**
   * Adds a health probe, run on every connection of every endpoint.
   *
   * @param probe the probe (copied)
   * @return this
   * @throws IllegalArgumentException when it has neither send nor expect, or its timeout exceeds
   *     its interval
   */
  public MonitorOptions addProbe(ProbeOptions probe) {
    probes.add(new ProbeOptions(Objects.requireNonNull(probe, "probe").toJson()));
    return this;
  }

  /** The notification targets (live list). */
  public List<NotifyTarget> getNotify() {
    return notify;
  }

  /**
   * Adds a target that receives a JSON POST when a connection goes {@code DOWN}, {@code DEGRADED}
   * or back {@code UP}.
   *
   * @param target the target
   * @return this
   */
  public MonitorOptions addNotify(NotifyTarget target) {
    notify.add(Objects.requireNonNull(target, "target"));
    return this;
  }

  /** How long a state must last before it is notified (default 30 s). */
  public Duration getNotifyAfter() {
    return notifyAfter;
  }

  /**
   * Sets how long a state must last before it is notified, so a flap shorter than this pages
   * nobody.
   *
   * @param notifyAfter not negative; 0 notifies at once
   * @return this
   * @throws IllegalArgumentException when negative
   */
  public MonitorOptions setNotifyAfter(Duration notifyAfter) {
    if (Objects.requireNonNull(notifyAfter, "notifyAfter").isNegative()) {
      throw new IllegalArgumentException(
          "notifyAfter must not be negative, got " + Durations.format(notifyAfter.abs()));
    }
    this.notifyAfter = notifyAfter;
    return this;
  }

  /** Whether {@code /health} answers 200 for degraded connections (default false: 503). */
  public boolean isDegradedOk() {
    return degradedOk;
  }

  /**
   * Sets whether {@code /health} answers 200 (with status {@code DEGRADED} in the body) when the
   * only problem is a failed probe.
   *
   * @param degradedOk true for 200
   * @return this
   */
  public MonitorOptions setDegradedOk(boolean degradedOk) {
    this.degradedOk = degradedOk;
    return this;
  }

  /** Whether serving without a token beyond loopback was asked for on purpose (default false). */
  public boolean isNoToken() {
    return noToken;
  }

  /**
   * Allows binding a non-loopback {@code httpHost} without a token (every stat open to anyone who
   * can reach the port). Without it such a monitor refuses to start.
   *
   * @param noToken true to allow it
   * @return this
   */
  public MonitorOptions setNoToken(boolean noToken) {
    this.noToken = noToken;
    return this;
  }

  /**
   * The reason this monitor must not start, or {@code null}: a non-loopback {@code httpHost}
   * without a token and without {@code noToken}.
   */
  public String exposureProblem() {
    if (token != null || noToken || isLoopback(httpHost)) {
      return null;
    }
    return "httpHost "
        + httpHost
        + " is reachable beyond this machine and no token is set, which would serve every stat to"
        + " anyone who can reach the port: set a token (--token), or noToken (--no-token) to do it"
        + " on purpose";
  }

  /** Whether {@code host} names the loopback interface (literally; no DNS lookup). */
  static boolean isLoopback(String host) {
    String h = host.trim().toLowerCase(java.util.Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost")
        || h.matches("127(\\.\\d{1,3}){3}")
        || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MonitorOptions other && toJson().equals(other.toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    JsonObject json = toJson();
    if (token != null) {
      json.put("token", "***");
    }
    json.put("endpoints", endpoints.size() + " endpoint(s)");
    if (!notify.isEmpty()) {
      json.put("notify", new JsonArray(notify.stream().map(NotifyTarget::display).toList()));
    }
    return "MonitorOptions" + json.encode();
  }
}
