package dev.wsmon.core;

import dev.wsmon.core.impl.ClientTls;
import dev.wsmon.core.impl.JsonOptions;
import dev.wsmon.core.impl.ProxySpec;
import dev.wsmon.core.internal.SourceAddresses;
import dev.wsmon.core.protocol.Protocol;
import dev.wsmon.core.protocol.ProtocolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.JksOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.core.net.TrustOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One monitored endpoint: where to connect, how, how many connections, and the {@link
 * ReconnectPolicy}. A Vert.x-style data object: JSON property names (config keys) are the camelCase
 * field names, durations are strings such as {@code "10s"} or integers in milliseconds, and the
 * reconnect policy's keys ({@code reconnectDelay}, {@code maxReconnectAttempts}, ...) sit at the
 * same level as the others (a nested {@code reconnectPolicy} object is accepted too).
 */
public class ConnectionOptions {

  /** Default {@code connectTimeout}: 10 seconds for the whole attempt (DNS, TCP, TLS, upgrade). */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Default {@code pingInterval}: zero, no pings. */
  public static final Duration DEFAULT_PING_INTERVAL = Duration.ZERO;

  /** Default {@code pongTimeout}: 10 seconds. */
  public static final Duration DEFAULT_PONG_TIMEOUT = Duration.ofSeconds(10);

  /** Default {@code maxFrameSize}: {@value} bytes (the Vert.x default). */
  public static final int DEFAULT_MAX_FRAME_SIZE = 65536;

  /** Default {@code maxMessageSize}: {@value} bytes (the Vert.x default). */
  public static final int DEFAULT_MAX_MESSAGE_SIZE = 65536 * 4;

  /** Default {@code perMessageDeflate}: {@value}. */
  public static final boolean DEFAULT_PER_MESSAGE_DEFLATE = false;

  /** Default {@code trustAll}: {@value}. */
  public static final boolean DEFAULT_TRUST_ALL = false;

  /** Default {@code verifyHost}: {@value}. */
  public static final boolean DEFAULT_VERIFY_HOST = true;

  /** Default {@code connections}: {@value} per endpoint. */
  public static final int DEFAULT_CONNECTIONS = 1;

  /** Default {@code rampUp}: zero, every connection starts at once. */
  public static final Duration DEFAULT_RAMP_UP = Duration.ZERO;

  /** Default {@code sendBufferSize}: {@value} messages; sends fail at once when not connected. */
  public static final int DEFAULT_SEND_BUFFER_SIZE = 0;

  /** Default {@code backpressure}: {@link Backpressure#WAIT}. */
  public static final Backpressure DEFAULT_BACKPRESSURE = Backpressure.WAIT;

  /** Default {@code maxPendingWrites}: {@value} messages waiting for the socket to drain. */
  public static final int DEFAULT_MAX_PENDING_WRITES = 1024;

  /** Default {@code correlation}: {@link Correlation#fifo()}. */
  public static final Correlation DEFAULT_CORRELATION = Correlation.fifo();

  /** Default {@code maxPendingRequests}: {@value} unanswered requests per connection. */
  public static final int DEFAULT_MAX_PENDING_REQUESTS = 1024;

  /** Default {@code validateUtf8}: {@value}. */
  public static final boolean DEFAULT_VALIDATE_UTF8 = false;

  /** Default {@code protocolErrorPolicy}: {@link ProtocolErrorPolicy#KEEP_OPEN}. */
  public static final ProtocolErrorPolicy DEFAULT_PROTOCOL_ERROR_POLICY =
      ProtocolErrorPolicy.KEEP_OPEN;

  /** Default {@code tsUnit}: {@link TimestampUnit#AUTO}. */
  public static final TimestampUnit DEFAULT_TS_UNIT = TimestampUnit.AUTO;

  /** Default {@code maxSilence}: zero, staleness is not checked. */
  public static final Duration DEFAULT_MAX_SILENCE = Duration.ZERO;

  /** Default {@code trustStore}: {@code null}, the JVM's default trust (cacerts). */
  public static final String DEFAULT_TRUST_STORE = null;

  /**
   * Default {@code trustStoreType}/{@code keyStoreType}: {@code null}, guessed from the extension.
   */
  public static final StoreType DEFAULT_STORE_TYPE = null;

  /**
   * Default {@code certFile}/{@code keyFile}/{@code keyStore}: {@code null}, no client certificate.
   */
  public static final String DEFAULT_CLIENT_CERTIFICATE = null;

  /** Default {@code proxy}: {@code null}, direct connections. */
  public static final String DEFAULT_PROXY = null;

  /** The JSON property names of this class; the reconnect policy adds its own. */
  public static final List<String> JSON_KEYS =
      List.of(
          "uri",
          "headers",
          "subprotocols",
          "connectTimeout",
          "pingInterval",
          "pongTimeout",
          "maxFrameSize",
          "maxMessageSize",
          "perMessageDeflate",
          "trustAll",
          "pemTrustOptions",
          "trustStoreOptions",
          "pfxTrustOptions",
          "verifyHost",
          "trustStore",
          "trustStoreType",
          "trustStorePassword",
          "certFile",
          "keyFile",
          "keyStore",
          "keyStoreType",
          "keyStorePassword",
          "proxy",
          "localAddress",
          "sourceAddresses",
          "group",
          "connections",
          "rampUp",
          "sendBufferSize",
          "backpressure",
          "maxPendingWrites",
          "correlation",
          "maxPendingRequests",
          "validateUtf8",
          "protocolErrorPolicy",
          "seqField",
          "tsField",
          "tsUnit",
          "maxSilence",
          "reconnectPolicy");

  private static final List<String> ALL_KEYS;

  static {
    List<String> all = new ArrayList<>(JSON_KEYS);
    all.addAll(ReconnectPolicy.JSON_KEYS);
    all.addAll(ProtocolOptions.JSON_KEYS);
    ALL_KEYS = List.copyOf(all);
  }

  private String uri;
  private Map<String, String> headers;
  private List<String> subprotocols;
  private Duration connectTimeout;
  private Duration pingInterval;
  private Duration pongTimeout;
  private int maxFrameSize;
  private int maxMessageSize;
  private boolean perMessageDeflate;
  private boolean trustAll;
  private TrustOptions trustOptions;
  private boolean verifyHost;
  private String trustStore;
  private StoreType trustStoreType;
  private String trustStorePassword;
  private String certFile;
  private String keyFile;
  private String keyStore;
  private StoreType keyStoreType;
  private String keyStorePassword;
  private String proxy;
  private String localAddress;
  private List<String> sourceAddresses;
  private String group;
  private int connections;
  private Duration rampUp;
  private int sendBufferSize;
  private Backpressure backpressure;
  private int maxPendingWrites;
  private Correlation correlation;
  private int maxPendingRequests;
  private boolean validateUtf8;
  private ProtocolErrorPolicy protocolErrorPolicy;
  private String seqField;
  private String tsField;
  private TimestampUnit tsUnit;
  private Duration maxSilence;
  private ReconnectPolicy reconnectPolicy;
  private ProtocolOptions protocolOptions = new ProtocolOptions();

  /** Options with the defaults and no URI. */
  public ConnectionOptions() {
    headers = new LinkedHashMap<>();
    subprotocols = new ArrayList<>();
    sourceAddresses = List.of();
    connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    pingInterval = DEFAULT_PING_INTERVAL;
    pongTimeout = DEFAULT_PONG_TIMEOUT;
    maxFrameSize = DEFAULT_MAX_FRAME_SIZE;
    maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
    perMessageDeflate = DEFAULT_PER_MESSAGE_DEFLATE;
    trustAll = DEFAULT_TRUST_ALL;
    verifyHost = DEFAULT_VERIFY_HOST;
    connections = DEFAULT_CONNECTIONS;
    rampUp = DEFAULT_RAMP_UP;
    sendBufferSize = DEFAULT_SEND_BUFFER_SIZE;
    backpressure = DEFAULT_BACKPRESSURE;
    maxPendingWrites = DEFAULT_MAX_PENDING_WRITES;
    correlation = DEFAULT_CORRELATION;
    maxPendingRequests = DEFAULT_MAX_PENDING_REQUESTS;
    validateUtf8 = DEFAULT_VALIDATE_UTF8;
    protocolErrorPolicy = DEFAULT_PROTOCOL_ERROR_POLICY;
    tsUnit = DEFAULT_TS_UNIT;
    maxSilence = DEFAULT_MAX_SILENCE;
    reconnectPolicy = new ReconnectPolicy();
  }

  /**
   * Options with the defaults for {@code uri}.
   *
   * @param uri a {@code ws://} or {@code wss://} URI
   * @throws IllegalArgumentException when the URI is not a WebSocket URI
   */
  public ConnectionOptions(String uri) {
    this();
    setUri(uri);
  }

  /**
   * A copy of {@code other}.
   *
   * @param other the options to copy
   */
  public ConnectionOptions(ConnectionOptions other) {
    uri = other.uri;
    headers = new LinkedHashMap<>(other.headers);
    subprotocols = new ArrayList<>(other.subprotocols);
    connectTimeout = other.connectTimeout;
    pingInterval = other.pingInterval;
    pongTimeout = other.pongTimeout;
    maxFrameSize = other.maxFrameSize;
    maxMessageSize = other.maxMessageSize;
    perMessageDeflate = other.perMessageDeflate;
    trustAll = other.trustAll;
    trustOptions = other.trustOptions == null ? null : other.trustOptions.copy();
    verifyHost = other.verifyHost;
    trustStore = other.trustStore;
    trustStoreType = other.trustStoreType;
    trustStorePassword = other.trustStorePassword;
    certFile = other.certFile;
    keyFile = other.keyFile;
    keyStore = other.keyStore;
    keyStoreType = other.keyStoreType;
    keyStorePassword = other.keyStorePassword;
    proxy = other.proxy;
    localAddress = other.localAddress;
    sourceAddresses = other.sourceAddresses;
    group = other.group;
    connections = other.connections;
    rampUp = other.rampUp;
    sendBufferSize = other.sendBufferSize;
    backpressure = other.backpressure;
    maxPendingWrites = other.maxPendingWrites;
    correlation = other.correlation;
    maxPendingRequests = other.maxPendingRequests;
    validateUtf8 = other.validateUtf8;
    protocolErrorPolicy = other.protocolErrorPolicy;
    seqField = other.seqField;
    tsField = other.tsField;
    tsUnit = other.tsUnit;
    maxSilence = other.maxSilence;
    reconnectPolicy = new ReconnectPolicy(other.reconnectPolicy);
    protocolOptions = new ProtocolOptions(other.protocolOptions);
  }

  /**
   * Options read from JSON; missing keys keep their defaults.
   *
   * @param json the JSON form
   * @throws IllegalArgumentException naming the key for an unknown key or a bad value
   */
  public ConnectionOptions(JsonObject json) {
    this();
    JsonOptions.rejectUnknown(json, ALL_KEYS, "connection option");
    protocolOptions = new ProtocolOptions(json);
    if (json.containsKey("uri")) {
      setUri(JsonOptions.string(json, "uri"));
    }
    if (json.containsKey("headers")) {
      JsonObject h = JsonOptions.object(json, "headers");
      Map<String, String> map = new LinkedHashMap<>();
      h.forEach(
          e -> {
            if (!(e.getValue() instanceof String)) {
              throw new IllegalArgumentException(
                  "headers." + e.getKey() + " must be a string, got " + e.getValue());
            }
            map.put(e.getKey(), (String) e.getValue());
          });
      setHeaders(map);
    }
    if (json.containsKey("subprotocols")) {
      setSubprotocols(JsonOptions.strings(json, "subprotocols"));
    }
    if (json.containsKey("connectTimeout")) {
      setConnectTimeout(JsonOptions.duration(json, "connectTimeout"));
    }
    if (json.containsKey("pingInterval")) {
      setPingInterval(JsonOptions.duration(json, "pingInterval"));
    }
    if (json.containsKey("pongTimeout")) {
      setPongTimeout(JsonOptions.duration(json, "pongTimeout"));
    }
    if (json.containsKey("maxFrameSize")) {
      setMaxFrameSize(JsonOptions.int32(json, "maxFrameSize"));
    }
    if (json.containsKey("maxMessageSize")) {
      setMaxMessageSize(JsonOptions.int32(json, "maxMessageSize"));
    }
    if (json.containsKey("perMessageDeflate")) {
      setPerMessageDeflate(JsonOptions.bool(json, "perMessageDeflate"));
    }
    if (json.containsKey("trustAll")) {
      setTrustAll(JsonOptions.bool(json, "trustAll"));
    }
    if (json.containsKey("pemTrustOptions")) {
      setTrustOptions(new PemTrustOptions(JsonOptions.object(json, "pemTrustOptions")));
    }
    if (json.containsKey("trustStoreOptions")) {
      setTrustOptions(new JksOptions(JsonOptions.object(json, "trustStoreOptions")));
    }
    if (json.containsKey("pfxTrustOptions")) {
      setTrustOptions(new PfxOptions(JsonOptions.object(json, "pfxTrustOptions")));
    }
    if (json.containsKey("verifyHost")) {
      setVerifyHost(JsonOptions.bool(json, "verifyHost"));
    }
    readTlsAndProxy(json);
    if (json.containsKey("localAddress")) {
      setLocalAddress(JsonOptions.string(json, "localAddress"));
    }
    if (json.containsKey("sourceAddresses")) {
      setSourceAddresses(JsonOptions.strings(json, "sourceAddresses"));
    }
    if (json.containsKey("group")) {
      setGroup(JsonOptions.string(json, "group"));
    }
    if (json.containsKey("connections")) {
      setConnections(JsonOptions.int32(json, "connections"));
    }
    if (json.containsKey("rampUp")) {
      setRampUp(JsonOptions.duration(json, "rampUp"));
    }
    if (json.containsKey("sendBufferSize")) {
      setSendBufferSize(JsonOptions.int32(json, "sendBufferSize"));
    }
    if (json.containsKey("backpressure")) {
      setBackpressure(JsonOptions.enumValue(json, "backpressure", Backpressure.class));
    }
    if (json.containsKey("maxPendingWrites")) {
      setMaxPendingWrites(JsonOptions.int32(json, "maxPendingWrites"));
    }
    if (json.containsKey("correlation")) {
      setCorrelation(Correlation.parse(JsonOptions.string(json, "correlation")));
    }
    if (json.containsKey("maxPendingRequests")) {
      setMaxPendingRequests(JsonOptions.int32(json, "maxPendingRequests"));
    }
    if (json.containsKey("validateUtf8")) {
      setValidateUtf8(JsonOptions.bool(json, "validateUtf8"));
    }
    if (json.containsKey("protocolErrorPolicy")) {
      setProtocolErrorPolicy(
          JsonOptions.enumValue(json, "protocolErrorPolicy", ProtocolErrorPolicy.class));
    }
    if (json.containsKey("seqField")) {
      setSeqField(JsonOptions.string(json, "seqField"));
    }
    if (json.containsKey("tsField")) {
      setTsField(JsonOptions.string(json, "tsField"));
    }
    if (json.containsKey("tsUnit")) {
      setTsUnit(JsonOptions.enumValue(json, "tsUnit", TimestampUnit.class));
    }
    if (json.containsKey("maxSilence")) {
      setMaxSilence(JsonOptions.duration(json, "maxSilence"));
    }
    if (json.containsKey("reconnectPolicy")) {
      setReconnectPolicy(new ReconnectPolicy(JsonOptions.object(json, "reconnectPolicy")));
    }
    reconnectPolicy.apply(json);
    ClientTls.of(this);
  }

  private void readTlsAndProxy(JsonObject json) {
    if (json.containsKey("trustStore")) {
      setTrustStore(JsonOptions.string(json, "trustStore"));
    }
    if (json.containsKey("trustStoreType")) {
      setTrustStoreType(storeType(json, "trustStoreType"));
    }
    if (json.containsKey("trustStorePassword")) {
      setTrustStorePassword(JsonOptions.string(json, "trustStorePassword"));
    }
    if (json.containsKey("certFile")) {
      setCertFile(JsonOptions.string(json, "certFile"));
    }
    if (json.containsKey("keyFile")) {
      setKeyFile(JsonOptions.string(json, "keyFile"));
    }
    if (json.containsKey("keyStore")) {
      setKeyStore(JsonOptions.string(json, "keyStore"));
    }
    if (json.containsKey("keyStoreType")) {
      setKeyStoreType(storeType(json, "keyStoreType"));
    }
    if (json.containsKey("keyStorePassword")) {
      setKeyStorePassword(JsonOptions.string(json, "keyStorePassword"));
    }
    if (json.containsKey("proxy")) {
      setProxy(JsonOptions.string(json, "proxy"));
    }
  }

  private static StoreType storeType(JsonObject json, String key) {
    try {
      return StoreType.parse(JsonOptions.string(json, key));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": " + e.getMessage());
    }
  }

  /**
   * The JSON form with the reconnect policy's keys at the top level; a custom correlation is
   * written as {@code "custom"} and cannot be read back.
   */
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    if (uri != null) {
      json.put("uri", uri);
    }
    if (!headers.isEmpty()) {
      json.put("headers", new JsonObject(new LinkedHashMap<>(headers)));
    }
    if (!subprotocols.isEmpty()) {
      json.put("subprotocols", new JsonArray(new ArrayList<>(subprotocols)));
    }
    json.put("connectTimeout", Durations.format(connectTimeout))
        .put("pingInterval", Durations.format(pingInterval))
        .put("pongTimeout", Durations.format(pongTimeout))
        .put("maxFrameSize", maxFrameSize)
        .put("maxMessageSize", maxMessageSize)
        .put("perMessageDeflate", perMessageDeflate)
        .put("trustAll", trustAll);
    if (trustOptions instanceof PemTrustOptions pem) {
      json.put("pemTrustOptions", pem.toJson());
    } else if (trustOptions instanceof JksOptions jks) {
      json.put("trustStoreOptions", jks.toJson());
    } else if (trustOptions instanceof PfxOptions pfx) {
      json.put("pfxTrustOptions", pfx.toJson());
    }
    json.put("verifyHost", verifyHost);
    putIfSet(json, "trustStore", trustStore);
    putIfSet(json, "trustStoreType", trustStoreType == null ? null : trustStoreType.configName());
    putIfSet(json, "trustStorePassword", trustStorePassword);
    putIfSet(json, "certFile", certFile);
    putIfSet(json, "keyFile", keyFile);
    putIfSet(json, "keyStore", keyStore);
    putIfSet(json, "keyStoreType", keyStoreType == null ? null : keyStoreType.configName());
    putIfSet(json, "keyStorePassword", keyStorePassword);
    putIfSet(json, "proxy", proxy);
    if (localAddress != null) {
      json.put("localAddress", localAddress);
    }
    if (!sourceAddresses.isEmpty()) {
      json.put("sourceAddresses", new JsonArray(new ArrayList<>(sourceAddresses)));
    }
    if (group != null) {
      json.put("group", group);
    }
    json.put("connections", connections)
        .put("rampUp", Durations.format(rampUp))
        .put("sendBufferSize", sendBufferSize)
        .put("backpressure", backpressure.name())
        .put("maxPendingWrites", maxPendingWrites)
        .put("correlation", correlation.toString())
        .put("maxPendingRequests", maxPendingRequests)
        .put("validateUtf8", validateUtf8)
        .put("protocolErrorPolicy", protocolErrorPolicy.name());
    if (seqField != null) {
      json.put("seqField", seqField);
    }
    if (tsField != null) {
      json.put("tsField", tsField);
    }
    json.put("tsUnit", tsUnit.name()).put("maxSilence", Durations.format(maxSilence));
    reconnectPolicy.writeTo(json);
    if (protocolOptions.getProtocol() != Protocol.RAW) {
      protocolOptions.writeTo(json);
    }
    return json;
  }

  private static void putIfSet(JsonObject json, String key, String value) {
    if (value != null) {
      json.put(key, value);
    }
  }

  /** The protocol spoken over the WebSocket and its settings (never {@code null}). */
  public ProtocolOptions getProtocolOptions() {
    return protocolOptions;
  }

  /**
   * Sets the protocol spoken over the WebSocket (default raw) and its settings; see {@code
   * docs/protocols.md}.
   *
   * @param protocolOptions the protocol options
   * @return this
   */
  public ConnectionOptions setProtocolOptions(ProtocolOptions protocolOptions) {
    this.protocolOptions =
        new ProtocolOptions(Objects.requireNonNull(protocolOptions, "protocolOptions"));
    return this;
  }

  /** The endpoint URI, or {@code null} when not set. */
  public String getUri() {
    return uri;
  }

  /**
   * Sets the endpoint URI.
   *
   * @param uri a {@code ws://} or {@code wss://} URI with a host, e.g. {@code ws://[::1]:8080/feed}
   * @return this
   * @throws IllegalArgumentException naming the URI when it is malformed, has another scheme or no
   *     host
   */
  public ConnectionOptions setUri(String uri) {
    Objects.requireNonNull(uri, "uri");
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "uri is malformed: " + Redaction.uri(uri) + " (" + e.getReason() + ")");
    }
    String scheme = parsed.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("ws") || scheme.equalsIgnoreCase("wss"))) {
      throw new IllegalArgumentException("uri must use ws:// or wss://, got " + Redaction.uri(uri));
    }
    if (parsed.getHost() == null || parsed.getHost().isEmpty()) {
      throw new IllegalArgumentException("uri must name a host, got " + Redaction.uri(uri));
    }
    this.uri = uri;
    return this;
  }

  /** The extra handshake headers (a copy). */
  public Map<String, String> getHeaders() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /**
   * Sets the extra handshake headers.
   *
   * @param headers header names to values
   * @return this
   * @throws IllegalArgumentException for an empty name or a value with a line break
   */
  public ConnectionOptions setHeaders(Map<String, String> headers) {
    Map<String, String> copy = new LinkedHashMap<>();
    Objects.requireNonNull(headers, "headers").forEach((k, v) -> copy.put(checkHeader(k, v), v));
    this.headers = copy;
    return this;
  }

  /**
   * Adds a handshake header.
   *
   * @param name the header name
   * @param value the header value
   * @return this
   * @throws IllegalArgumentException for an empty name or a value with a line break
   */
  public ConnectionOptions addHeader(String name, String value) {
    headers.put(checkHeader(name, value), value);
    return this;
  }

  private static String checkHeader(String name, String value) {
    if (name == null || name.isBlank() || name.contains(":") || name.matches(".*\\s.*")) {
      throw new IllegalArgumentException("header name must be a token, got '" + name + "'");
    }
    if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException(
          "header "
              + name
              + " must have a value without line breaks, got '"
              + Redaction.headerValue(name, value)
              + "'");
    }
    return name;
  }

  /** The subprotocols offered in the handshake (a copy). */
  public List<String> getSubprotocols() {
    return List.copyOf(subprotocols);
  }

  /**
   * Sets the subprotocols offered in the handshake ({@code Sec-WebSocket-Protocol}).
   *
   * @param subprotocols non-blank tokens
   * @return this
   * @throws IllegalArgumentException naming a blank or malformed subprotocol
   */
  public ConnectionOptions setSubprotocols(List<String> subprotocols) {
    List<String> copy = new ArrayList<>();
    for (String p : Objects.requireNonNull(subprotocols, "subprotocols")) {
      if (p == null || p.isBlank() || p.matches(".*[\\s,].*")) {
        throw new IllegalArgumentException("subprotocols must be tokens, got '" + p + "'");
      }
      copy.add(p);
    }
    this.subprotocols = copy;
    return this;
  }

  /** The attempt timeout (default 10 s). */
  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  /**
   * Sets the attempt timeout, measured by wsmon's own timer over the whole attempt: DNS, waiting
   * for a pooled slot, TCP, TLS and the upgrade.
   *
   * @param connectTimeout positive
   * @return this
   * @throws IllegalArgumentException when not positive
   */
  public ConnectionOptions setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = positive("connectTimeout", connectTimeout);
    return this;
  }

  /** The ping interval; zero when pings are off (default). */
  public Duration getPingInterval() {
    return pingInterval;
  }

  /**
   * Sets the interval between pings on an open connection; each pong gives a ping RTT. Zero turns
   * pings off.
   *
   * @param pingInterval zero or positive
   * @return this
   * @throws IllegalArgumentException when negative
   */
  public ConnectionOptions setPingInterval(Duration pingInterval) {
    this.pingInterval = ReconnectPolicy.nonNegative("pingInterval", pingInterval);
    return this;
  }

  /** How long a pong may take (default 10 s). */
  public Duration getPongTimeout() {
    return pongTimeout;
  }

  /**
   * Sets how long a pong may take; a late pong raises {@link EventType#PING_TIMEOUT} and the
   * connection is treated as lost (close code 1006).
   *
   * @param pongTimeout positive
   * @return this
   * @throws IllegalArgumentException when not positive
   */
  public ConnectionOptions setPongTimeout(Duration pongTimeout) {
    this.pongTimeout = positive("pongTimeout", pongTimeout);
    return this;
  }

  /** The largest accepted frame in bytes (default 65536). */
  public int getMaxFrameSize() {
    return maxFrameSize;
  }

  /**
   * Sets the largest accepted frame.
   *
   * @param maxFrameSize bytes, positive
   * @return this
   * @throws IllegalArgumentException when not positive
   */
  public ConnectionOptions setMaxFrameSize(int maxFrameSize) {
    this.maxFrameSize = positive("maxFrameSize", maxFrameSize);
    return this;
  }

  /** The largest accepted message in bytes (default 262144). */
  public int getMaxMessageSize() {
    return maxMessageSize;
  }

  /**
   * Sets the largest accepted message; a larger one is dropped and counted as a protocol error.
   *
   * @param maxMessageSize bytes, positive
   * @return this
   * @throws IllegalArgumentException when not positive
   */
  public ConnectionOptions setMaxMessageSize(int maxMessageSize) {
    this.maxMessageSize = positive("maxMessageSize", maxMessageSize);
    return this;
  }

  /** Whether permessage-deflate is requested (default false). */
  public boolean isPerMessageDeflate() {
    return perMessageDeflate;
  }

  /**
   * Sets whether permessage-deflate (RFC 7692) is requested in the handshake.
   *
   * @param perMessageDeflate true to request it
   * @return this
   */
  public ConnectionOptions setPerMessageDeflate(boolean perMessageDeflate) {
    this.perMessageDeflate = perMessageDeflate;
    return this;
  }

  /** Whether every server certificate is trusted (default false). */
  public boolean isTrustAll() {
    return trustAll;
  }

  /**
   * Sets whether every server certificate is trusted ({@code wss://} only; for tests).
   *
   * @param trustAll true to trust all
   * @return this
   */
  public ConnectionOptions setTrustAll(boolean trustAll) {
    this.trustAll = trustAll;
    return this;
  }

  /** The trust store for {@code wss://}, or {@code null} for the JVM default. */
  public TrustOptions getTrustOptions() {
    return trustOptions;
  }

  /**
   * Sets the trust store for {@code wss://}: {@link PemTrustOptions} (JSON key {@code
   * pemTrustOptions}), {@link JksOptions} ({@code trustStoreOptions}) or {@link PfxOptions} ({@code
   * pfxTrustOptions}).
   *
   * @param trustOptions the trust options, or {@code null} for the JVM default
   * @return this
   */
  public ConnectionOptions setTrustOptions(TrustOptions trustOptions) {
    this.trustOptions = trustOptions == null ? null : trustOptions.copy();
    return this;
  }

  /** Whether the server's host name is verified against its certificate (default true). */
  public boolean isVerifyHost() {
    return verifyHost;
  }

  /**
   * Sets whether the server's host name is verified against its certificate.
   *
   * @param verifyHost true to verify
   * @return this
   */
  public ConnectionOptions setVerifyHost(boolean verifyHost) {
    this.verifyHost = verifyHost;
    return this;
  }

  /** The trust store file, or {@code null} for the JVM's default trust (default). */
  public String getTrustStore() {
    return trustStore;
  }

  /**
   * Sets the file holding the certificates trusted for {@code wss://} (a private CA or a server's
   * self-signed certificate), instead of the JVM's default trust. Verification stays on; the host
   * name is still checked unless {@link #setVerifyHost(boolean) verifyHost} is off.
   *
   * @param trustStore a PEM, JKS or PKCS12 file (see {@link #setTrustStoreType}), or {@code null}
   * @return this
   * @throws IllegalArgumentException when blank
   */
  public ConnectionOptions setTrustStore(String trustStore) {
    this.trustStore = notBlank("trustStore", trustStore);
    return this;
  }

  /** The trust store's format, or {@code null} to guess it from the extension (default). */
  public StoreType getTrustStoreType() {
    return trustStoreType;
  }

  /**
   * Sets the trust store's format; {@code null} guesses it from the file extension ({@code .pem
   * .crt .cer}, {@code .jks}, {@code .p12 .pfx}).
   *
   * @param trustStoreType the format, or {@code null}
   * @return this
   */
  public ConnectionOptions setTrustStoreType(StoreType trustStoreType) {
    this.trustStoreType = trustStoreType;
    return this;
  }

  /** The trust store's password, or {@code null} (default). A secret: never logged. */
  public String getTrustStorePassword() {
    return trustStorePassword;
  }

  /**
   * Sets the password of a JKS or PKCS12 trust store. It is kept in {@link #toJson()} (so options
   * survive a round trip) and masked in {@link #toString()}.
   *
   * @param trustStorePassword the password, or {@code null}
   * @return this
   */
  public ConnectionOptions setTrustStorePassword(String trustStorePassword) {
    this.trustStorePassword = trustStorePassword;
    return this;
  }

  /** The client certificate file (PEM), or {@code null} (default). */
  public String getCertFile() {
    return certFile;
  }

  /**
   * Sets the client certificate (mutual TLS) as a PEM file: the certificate, optionally followed by
   * its chain. Needs {@link #setKeyFile keyFile}; excludes {@link #setKeyStore keyStore}.
   *
   * @param certFile a PEM file, or {@code null}
   * @return this
   * @throws IllegalArgumentException when blank
   */
  public ConnectionOptions setCertFile(String certFile) {
    this.certFile = notBlank("certFile", certFile);
    return this;
  }

  /** The client certificate's private key file (PEM), or {@code null} (default). */
  public String getKeyFile() {
    return keyFile;
  }

  /**
   * Sets the private key of the {@link #setCertFile client certificate}: an unencrypted PEM file
   * ({@code PRIVATE KEY} PKCS#8 or {@code RSA PRIVATE KEY} PKCS#1).
   *
   * @param keyFile a PEM file, or {@code null}
   * @return this
   * @throws IllegalArgumentException when blank
   */
  public ConnectionOptions setKeyFile(String keyFile) {
    this.keyFile = notBlank("keyFile", keyFile);
    return this;
  }

  /** The client key store (JKS or PKCS12), or {@code null} (default). */
  public String getKeyStore() {
    return keyStore;
  }

  /**
   * Sets the client certificate (mutual TLS) as a JKS or PKCS12 key store holding the private key
   * and its certificate chain. Excludes {@link #setCertFile certFile}/{@link #setKeyFile keyFile}.
   *
   * @param keyStore a JKS or PKCS12 file, or {@code null}
   * @return this
   * @throws IllegalArgumentException when blank
   */
  public ConnectionOptions setKeyStore(String keyStore) {
    this.keyStore = notBlank("keyStore", keyStore);
    return this;
  }

  /** The key store's format, or {@code null} to guess it from the extension (default). */
  public StoreType getKeyStoreType() {
    return keyStoreType;
  }

  /**
   * Sets the key store's format (JKS or PKCS12); {@code null} guesses it from the extension.
   *
   * @param keyStoreType the format, or {@code null}
   * @return this
   * @throws IllegalArgumentException for PEM (use certFile and keyFile)
   */
  public ConnectionOptions setKeyStoreType(StoreType keyStoreType) {
    if (keyStoreType == StoreType.PEM) {
      throw new IllegalArgumentException(
          "keyStoreType must be jks or pkcs12; give a PEM client certificate as certFile and"
              + " keyFile");
    }
    this.keyStoreType = keyStoreType;
    return this;
  }

  /** The key store's password, or {@code null} (default). A secret: never logged. */
  public String getKeyStorePassword() {
    return keyStorePassword;
  }

  /**
   * Sets the password of the key store (also used for the key). Kept in {@link #toJson()} and
   * masked in {@link #toString()}.
   *
   * @param keyStorePassword the password, or {@code null}
   * @return this
   */
  public ConnectionOptions setKeyStorePassword(String keyStorePassword) {
    this.keyStorePassword = keyStorePassword;
    return this;
  }

  /** The proxy URI, or {@code null} for direct connections (default). */
  public String getProxy() {
    return proxy;
  }

  /**
   * Sets the proxy every connection of this endpoint goes through: {@code
   * http://[user:pass@]host:port} (HTTP CONNECT tunnel), {@code socks5://[user:pass@]host:port} or
   * {@code socks4://[user@]host:port}. User and password are URL-decoded. The credentials are kept
   * in {@link #toJson()} and masked everywhere else (events, stats, exports, {@link #toString()}).
   *
   * @param proxy the proxy URI, or {@code null} for none
   * @return this
   * @throws IllegalArgumentException when not such a URI (the message masks the password)
   */
  public ConnectionOptions setProxy(String proxy) {
    if (proxy != null) {
      ProxySpec.parse(proxy);
    }
    this.proxy = proxy;
    return this;
  }

  private static String notBlank(String field, String value) {
    if (value != null && value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    return value;
  }

  /** The local (source) address, or {@code null} for any. */
  public String getLocalAddress() {
    return localAddress;
  }

  /**
   * Sets the local (source) address connections bind to, e.g. {@code 127.0.0.2}.
   *
   * @param localAddress an IP address or host name, or {@code null} for any
   * @return this
   * @throws IllegalArgumentException when blank
   */
  public ConnectionOptions setLocalAddress(String localAddress) {
    if (localAddress != null && localAddress.isBlank()) {
      throw new IllegalArgumentException(
          "localAddress must not be blank, got '" + localAddress + "'");
    }
    this.localAddress = localAddress;
    return this;
  }

  /**
   * The source addresses the connections are spread over, round-robin (connection {@code i} of this
   * endpoint binds to address {@code i mod n}); empty (the default) for {@link #getLocalAddress()}
   * or, for a loopback target with more connections than one address has ephemeral ports, an
   * automatic choice of {@code 127.0.0.1}, {@code 127.0.0.2}, ...
   *
   * @return the expanded addresses, unmodifiable
   */
  public List<String> getSourceAddresses() {
    return sourceAddresses;
  }

  /**
   * Sets the source addresses to spread connections over, one {@code WebSocketClient} per address.
   * Each entry is an address or an IPv4 range {@code 127.0.0.1-127.0.0.8}; entries may also be
   * comma-separated lists. Overrides {@link #setLocalAddress(String)} when not empty.
   *
   * @param sourceAddresses the addresses and ranges (at most 1024 after expansion)
   * @return this
   * @throws IllegalArgumentException naming a malformed entry or range
   */
  public ConnectionOptions setSourceAddresses(List<String> sourceAddresses) {
    this.sourceAddresses =
        SourceAddresses.expand(Objects.requireNonNull(sourceAddresses, "sourceAddresses"));
    return this;
  }

  /** The group label as set, or {@code null} for the default. */
  public String getGroup() {
    return group;
  }

  /**
   * The group label in use: the one set, or else the URI with secrets redacted.
   *
   * @return the label, {@code null} only when neither is set
   */
  public String effectiveGroup() {
    return group != null ? group : Redaction.uri(uri);
  }

  /**
   * Sets the group label under which stats are grouped.
   *
   * @param group a non-blank label, or {@code null} for the redacted URI
   * @return this
   * @throws IllegalArgumentException when blank
   */
  public ConnectionOptions setGroup(String group) {
    if (group != null && group.isBlank()) {
      throw new IllegalArgumentException("group must not be blank, got '" + group + "'");
    }
    this.group = group;
    return this;
  }

  /** The number of connections to this endpoint (default 1). */
  public int getConnections() {
    return connections;
  }

  /**
   * Sets the number of connections to this endpoint.
   *
   * @param connections at least 1
   * @return this
   * @throws IllegalArgumentException when less than 1
   */
  public ConnectionOptions setConnections(int connections) {
    this.connections = positive("connections", connections);
    return this;
  }

  /** The time over which first attempts are spread (default 0). */
  public Duration getRampUp() {
    return rampUp;
  }

  /**
   * Sets the time over which the first attempts of this endpoint's connections are spread evenly:
   * connection {@code i} of {@code n} starts at {@code i × rampUp / n}.
   *
   * @param rampUp zero or positive
   * @return this
   * @throws IllegalArgumentException when negative
   */
  public ConnectionOptions setRampUp(Duration rampUp) {
    this.rampUp = ReconnectPolicy.nonNegative("rampUp", rampUp);
    return this;
  }

  /** Messages that may wait while not connected (default 0). */
  public int getSendBufferSize() {
    return sendBufferSize;
  }

  /**
   * Sets how many sends may wait while the connection is not open; they are written once it opens.
   * With 0 a send fails at once when not connected; a send beyond the bound fails. Waiting sends
   * fail when the connection gives up or stops.
   *
   * @param sendBufferSize messages, 0 or more
   * @return this
   * @throws IllegalArgumentException when negative
   */
  public ConnectionOptions setSendBufferSize(int sendBufferSize) {
    this.sendBufferSize = nonNegative("sendBufferSize", sendBufferSize);
    return this;
  }

  /** What a send does when the socket's write queue is full (default WAIT). */
  public Backpressure getBackpressure() {
    return backpressure;
  }

  /**
   * Sets what a send does when the socket's write queue is full.
   *
   * @param backpressure WAIT or FAIL
   * @return this
   */
  public ConnectionOptions setBackpressure(Backpressure backpressure) {
    this.backpressure = Objects.requireNonNull(backpressure, "backpressure");
    return this;
  }

  /** Messages that may wait for the socket to drain under {@link Backpressure#WAIT} (1024). */
  public int getMaxPendingWrites() {
    return maxPendingWrites;
  }

  /**
   * Sets how many sends may wait for the socket to drain under {@link Backpressure#WAIT}; a send
   * beyond the bound fails.
   *
   * @param maxPendingWrites messages, at least 1
   * @return this
   * @throws IllegalArgumentException when less than 1
   */
  public ConnectionOptions setMaxPendingWrites(int maxPendingWrites) {
    this.maxPendingWrites = positive("maxPendingWrites", maxPendingWrites);
    return this;
  }

  /** How replies are matched to requests (default FIFO). */
  public Correlation getCorrelation() {
    return correlation;
  }

  /**
   * Sets how replies are matched to requests.
   *
   * @param correlation the correlation
   * @return this
   */
  public ConnectionOptions setCorrelation(Correlation correlation) {
    this.correlation = Objects.requireNonNull(correlation, "correlation");
    return this;
  }

  /** Unanswered requests allowed per connection (default 1024). */
  public int getMaxPendingRequests() {
    return maxPendingRequests;
  }

  /**
   * Sets how many requests may wait for their reply per connection; a request beyond it fails.
   *
   * @param maxPendingRequests at least 1
   * @return this
   * @throws IllegalArgumentException when less than 1
   */
  public ConnectionOptions setMaxPendingRequests(int maxPendingRequests) {
    this.maxPendingRequests = positive("maxPendingRequests", maxPendingRequests);
    return this;
  }

  /** Whether received text messages are checked for invalid UTF-8 (default false). */
  public boolean isValidateUtf8() {
    return validateUtf8;
  }

  /**
   * Sets whether the bytes of received text messages are checked for invalid UTF-8 (Vert.x would
   * otherwise decode them to U+FFFD silently). An invalid message is still delivered and counted,
   * and is also a protocol error.
   *
   * @param validateUtf8 true to check
   * @return this
   */
  public ConnectionOptions setValidateUtf8(boolean validateUtf8) {
    this.validateUtf8 = validateUtf8;
    return this;
  }

  /** What a connection does after a protocol error (default KEEP_OPEN). */
  public ProtocolErrorPolicy getProtocolErrorPolicy() {
    return protocolErrorPolicy;
  }

  /**
   * Sets what a connection does after a protocol error.
   *
   * @param protocolErrorPolicy KEEP_OPEN or CLOSE
   * @return this
   */
  public ConnectionOptions setProtocolErrorPolicy(ProtocolErrorPolicy protocolErrorPolicy) {
    this.protocolErrorPolicy = Objects.requireNonNull(protocolErrorPolicy, "protocolErrorPolicy");
    return this;
  }

  /** The JSON field path of a received message's sequence number, or {@code null} (default). */
  public String getSeqField() {
    return seqField;
  }

  /**
   * Sets the JSON field holding the sequence number of received messages, which turns on feed
   * monitoring: gaps, missing messages, duplicates, out-of-order messages and sequence resets.
   *
   * @param seqField a dotted path such as {@code seq} or {@code data.seq}, or {@code null} for none
   * @return this
   * @throws IllegalArgumentException when the path is blank or has an empty segment
   */
  public ConnectionOptions setSeqField(String seqField) {
    this.seqField = fieldPath("seqField", seqField);
    return this;
  }

  /** The JSON field path of a received message's server timestamp, or {@code null} (default). */
  public String getTsField() {
    return tsField;
  }

  /**
   * Sets the JSON field holding the server's send time of received messages, which turns on feed
   * monitoring and the end-to-end latency (receive time minus this timestamp; it includes the
   * offset between the two clocks).
   *
   * @param tsField a dotted path such as {@code ts} or {@code data.time}, or {@code null} for none
   * @return this
   * @throws IllegalArgumentException when the path is blank or has an empty segment
   */
  public ConnectionOptions setTsField(String tsField) {
    this.tsField = fieldPath("tsField", tsField);
    return this;
  }

  /** How the timestamp field is read (default AUTO). */
  public TimestampUnit getTsUnit() {
    return tsUnit;
  }

  /**
   * Sets how the timestamp field is read.
   *
   * @param tsUnit the unit, or AUTO for numbers by magnitude and ISO-8601 strings
   * @return this
   */
  public ConnectionOptions setTsUnit(TimestampUnit tsUnit) {
    this.tsUnit = Objects.requireNonNull(tsUnit, "tsUnit");
    return this;
  }

  /** The longest silence before the feed is stale; zero when not checked (default). */
  public Duration getMaxSilence() {
    return maxSilence;
  }

  /**
   * Sets the longest time an open connection may go without receiving a message: longer raises
   * {@link EventType#STALE} once and marks the feed stale until the next message. Turns on feed
   * monitoring. Checked every 50 ms, so the event comes up to 50 ms late.
   *
   * @param maxSilence zero (off) or positive
   * @return this
   * @throws IllegalArgumentException when negative
   */
  public ConnectionOptions setMaxSilence(Duration maxSilence) {
    this.maxSilence = ReconnectPolicy.nonNegative("maxSilence", maxSilence);
    return this;
  }

  /** Whether any feed monitoring setting is on (a seq or ts field, or a max silence). */
  public boolean isFeedMonitored() {
    return seqField != null || tsField != null || !maxSilence.isZero();
  }

  private static String fieldPath(String field, String path) {
    if (path == null) {
      return null;
    }
    if (path.isBlank() || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
      throw new IllegalArgumentException(
          field + " must be a dotted JSON field path such as data.seq, got '" + path + "'");
    }
    return path;
  }

  /** The reconnect policy (live, not a copy). */
  public ReconnectPolicy getReconnectPolicy() {
    return reconnectPolicy;
  }

  /**
   * Sets the reconnect policy.
   *
   * @param reconnectPolicy the policy (copied)
   * @return this
   */
  public ConnectionOptions setReconnectPolicy(ReconnectPolicy reconnectPolicy) {
    this.reconnectPolicy =
        new ReconnectPolicy(Objects.requireNonNull(reconnectPolicy, "reconnectPolicy"));
    return this;
  }

  private static Duration positive(String field, Duration value) {
    Objects.requireNonNull(value, field);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(
          field
              + " must be positive, got "
              + (value.isNegative() ? value.toString() : Durations.format(value)));
    }
    return value;
  }

  private static int positive(String field, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(field + " must be at least 1, got " + value);
    }
    return value;
  }

  private static int nonNegative(String field, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " must not be negative, got " + value);
    }
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConnectionOptions other
        && toJson().equals(other.toJson())
        && correlation.equals(other.correlation);
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    JsonObject json = toJson();
    if (uri != null) {
      json.put("uri", Redaction.uri(uri));
    }
    headers.forEach((k, v) -> json.getJsonObject("headers").put(k, Redaction.headerValue(k, v)));
    maskSecrets(json);
    return "ConnectionOptions" + json.encode();
  }

  private static void maskSecrets(JsonObject json) {
    for (String key : List.of("trustStorePassword", "keyStorePassword")) {
      if (json.containsKey(key)) {
        json.put(key, Redaction.MASK);
      }
    }
    if (json.containsKey("proxy")) {
      json.put("proxy", ProxySpec.redact(json.getString("proxy")));
    }
    for (String key : List.of("trustStoreOptions", "pfxTrustOptions")) {
      JsonObject store = json.getJsonObject(key);
      if (store != null && store.containsKey("password")) {
        store.put("password", Redaction.MASK);
      }
    }
  }
}
