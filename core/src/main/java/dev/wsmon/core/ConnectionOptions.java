package dev.wsmon.core;

import dev.wsmon.core.impl.JsonOptions;
import dev.wsmon.core.impl.ProxySpec;
import dev.wsmon.core.impl.TlsJson;
import dev.wsmon.core.internal.SourceAddresses;
import dev.wsmon.core.protocol.Protocol;
import dev.wsmon.core.protocol.ProtocolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.JksOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.core.net.ProxyOptions;
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
 *
 * <p>Concerns are grouped the way Vert.x's {@code WebSocketClientOptions} groups them: TLS is
 * {@link #setTrustOptions(TrustOptions)} and {@link #setKeyCertOptions(KeyCertOptions)} plus {@code
 * trustAll}/{@code verifyHost}; the proxy is {@link #setProxyOptions(ProxyOptions)}; sending is
 * {@link SendOptions}, feed monitoring {@link FeedOptions}, the protocol layer {@link
 * ProtocolOptions}. The JSON form stays flat: the groups' keys ({@code trustStore}, {@code
 * certFile}, {@code proxy}, {@code sendBufferSize}, {@code seqField}, ...) sit at the top level.
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

  /** Default {@code validateUtf8}: {@value}. */
  public static final boolean DEFAULT_VALIDATE_UTF8 = false;

  /** Default {@code protocolErrorPolicy}: {@link ProtocolErrorPolicy#KEEP_OPEN}. */
  public static final ProtocolErrorPolicy DEFAULT_PROTOCOL_ERROR_POLICY =
      ProtocolErrorPolicy.KEEP_OPEN;

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
          "pemKeyCertOptions",
          "keyStoreOptions",
          "pfxKeyCertOptions",
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
  private KeyCertOptions keyCertOptions;
  private boolean verifyHost;
  private ProxyOptions proxyOptions;
  private String localAddress;
  private List<String> sourceAddresses;
  private String group;
  // effectiveGroup() of the URI, computed once: every connection of the endpoint keeps it, and a
  // copy each would cost about 64 bytes per connection
  private String redactedUri;
  private int connections;
  private Duration rampUp;
  private SendOptions sendOptions;
  private boolean validateUtf8;
  private ProtocolErrorPolicy protocolErrorPolicy;
  private FeedOptions feedOptions;
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
    sendOptions = new SendOptions();
    validateUtf8 = DEFAULT_VALIDATE_UTF8;
    protocolErrorPolicy = DEFAULT_PROTOCOL_ERROR_POLICY;
    feedOptions = new FeedOptions();
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
    redactedUri = other.redactedUri;
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
    keyCertOptions = other.keyCertOptions == null ? null : other.keyCertOptions.copy();
    verifyHost = other.verifyHost;
    proxyOptions = other.proxyOptions == null ? null : new ProxyOptions(other.proxyOptions);
    localAddress = other.localAddress;
    sourceAddresses = other.sourceAddresses;
    group = other.group;
    connections = other.connections;
    rampUp = other.rampUp;
    sendOptions = new SendOptions(other.sendOptions);
    validateUtf8 = other.validateUtf8;
    protocolErrorPolicy = other.protocolErrorPolicy;
    feedOptions = new FeedOptions(other.feedOptions);
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
    if (json.containsKey("verifyHost")) {
      setVerifyHost(JsonOptions.bool(json, "verifyHost"));
    }
    trustOptions = TlsJson.trust(json);
    keyCertOptions = TlsJson.keyCert(json);
    if (json.containsKey("proxy")) {
      String proxy = JsonOptions.string(json, "proxy");
      proxyOptions = proxy == null ? null : ProxySpec.parse(proxy);
    }
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
    sendOptions = new SendOptions(json);
    if (json.containsKey("validateUtf8")) {
      setValidateUtf8(JsonOptions.bool(json, "validateUtf8"));
    }
    if (json.containsKey("protocolErrorPolicy")) {
      setProtocolErrorPolicy(
          JsonOptions.enumValue(json, "protocolErrorPolicy", ProtocolErrorPolicy.class));
    }
    feedOptions = new FeedOptions(json);
    if (json.containsKey("reconnectPolicy")) {
      setReconnectPolicy(new ReconnectPolicy(JsonOptions.object(json, "reconnectPolicy")));
    }
    reconnectPolicy.apply(json);
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
    TlsJson.writeTrust(trustOptions, json);
    json.put("verifyHost", verifyHost);
    TlsJson.writeKeyCert(keyCertOptions, json);
    if (proxyOptions != null) {
      json.put("proxy", ProxySpec.format(proxyOptions));
    }
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
        .mergeIn(sendOptions.toJson())
        .put("validateUtf8", validateUtf8)
        .put("protocolErrorPolicy", protocolErrorPolicy.name())
        .mergeIn(feedOptions.toJson());
    reconnectPolicy.writeTo(json);
    if (protocolOptions.getProtocol() != Protocol.RAW) {
      protocolOptions.writeTo(json);
    }
    return json;
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
    this.redactedUri = null;
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

  /** The trust for {@code wss://}, or {@code null} for the JVM's default trust (default). */
  public TrustOptions getTrustOptions() {
    return trustOptions;
  }

  /**
   * Sets the certificates trusted for {@code wss://} (a private CA or a server's self-signed
   * certificate) instead of the JVM's default trust: {@link PemTrustOptions}, {@link JksOptions} or
   * {@link PfxOptions}. Verification stays on; the host name is still checked unless {@link
   * #setVerifyHost(boolean) verifyHost} is off. In JSON a single file is {@code trustStore} (with
   * {@code trustStoreType} {@code pem}, {@code jks} or {@code pkcs12}, guessed from the extension
   * when absent, and {@code trustStorePassword}); anything else is the Vert.x object under {@code
   * pemTrustOptions}, {@code trustStoreOptions} or {@code pfxTrustOptions}. Passwords are kept in
   * {@link #toJson()} and masked in {@link #toString()}.
   *
   * @param trustOptions the trust options (copied), or {@code null} for the JVM default
   * @return this
   */
  public ConnectionOptions setTrustOptions(TrustOptions trustOptions) {
    this.trustOptions = trustOptions == null ? null : trustOptions.copy();
    return this;
  }

  /** The client certificate for mutual TLS, or {@code null} for none (default). */
  public KeyCertOptions getKeyCertOptions() {
    return keyCertOptions;
  }

  /**
   * Sets the client certificate (mutual TLS): {@link PemKeyCertOptions} (an unencrypted PEM key,
   * {@code PRIVATE KEY} PKCS#8 or {@code RSA PRIVATE KEY} PKCS#1, and its certificate chain), or a
   * {@link JksOptions} / {@link PfxOptions} key store holding the key and its chain. In JSON one
   * PEM pair is {@code certFile} + {@code keyFile} and a key store file is {@code keyStore} (with
   * {@code keyStoreType} {@code jks} or {@code pkcs12}, guessed from the extension when absent, and
   * {@code keyStorePassword}); anything else is the Vert.x object under {@code pemKeyCertOptions},
   * {@code keyStoreOptions} or {@code pfxKeyCertOptions}.
   *
   * @param keyCertOptions the client certificate (copied), or {@code null} for none
   * @return this
   */
  public ConnectionOptions setKeyCertOptions(KeyCertOptions keyCertOptions) {
    this.keyCertOptions = keyCertOptions == null ? null : keyCertOptions.copy();
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

  /** The proxy every connection goes through, or {@code null} for direct connections (default). */
  public ProxyOptions getProxyOptions() {
    return proxyOptions;
  }

  /**
   * Sets the proxy every connection of this endpoint goes through: an HTTP CONNECT tunnel, SOCKS5
   * or SOCKS4. In JSON it is the URI {@code proxy}: {@code http://[user:pass@]host:port}, {@code
   * socks5://[user:pass@]host:port} or {@code socks4://[user@]host:port}, user and password
   * URL-encoded. The credentials are kept in {@link #toJson()} and masked everywhere else (events,
   * stats, exports, {@link #toString()}). The proxy's own connect timeout is not part of the JSON
   * form.
   *
   * @param proxyOptions the proxy (copied), or {@code null} for none
   * @return this
   * @throws IllegalArgumentException when the host is missing or blank
   */
  public ConnectionOptions setProxyOptions(ProxyOptions proxyOptions) {
    if (proxyOptions != null
        && (proxyOptions.getHost() == null || proxyOptions.getHost().isBlank())) {
      throw new IllegalArgumentException("proxyOptions must name a host");
    }
    this.proxyOptions = proxyOptions == null ? null : new ProxyOptions(proxyOptions);
    return this;
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
    if (group != null) {
      return group;
    }
    String redacted = redactedUri;
    if (redacted == null && uri != null) {
      redacted = Redaction.uri(uri);
      redactedUri = redacted;
    }
    return redacted;
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

  /** How connections send (live, not a copy): buffering, backpressure, request correlation. */
  public SendOptions getSendOptions() {
    return sendOptions;
  }

  /**
   * Sets how connections send: the buffer while not connected, backpressure, request correlation
   * and its bound. Its JSON keys ({@code sendBufferSize}, {@code backpressure}, ...) are flat in
   * this object's JSON.
   *
   * @param sendOptions the send options (copied)
   * @return this
   */
  public ConnectionOptions setSendOptions(SendOptions sendOptions) {
    this.sendOptions = new SendOptions(Objects.requireNonNull(sendOptions, "sendOptions"));
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

  /** Feed monitoring of received messages (live, not a copy); off by default. */
  public FeedOptions getFeedOptions() {
    return feedOptions;
  }

  /**
   * Sets feed monitoring of received messages: sequence and timestamp fields, maximum silence. Its
   * JSON keys ({@code seqField}, {@code tsField}, {@code tsUnit}, {@code maxSilence}) are flat in
   * this object's JSON.
   *
   * @param feedOptions the feed options (copied)
   * @return this
   */
  public ConnectionOptions setFeedOptions(FeedOptions feedOptions) {
    this.feedOptions = new FeedOptions(Objects.requireNonNull(feedOptions, "feedOptions"));
    return this;
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

  @Override
  public boolean equals(Object o) {
    return o instanceof ConnectionOptions other
        && toJson().equals(other.toJson())
        && sendOptions.equals(other.sendOptions);
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
    TlsJson.mask(json);
    if (json.containsKey("proxy")) {
      json.put("proxy", ProxySpec.redact(json.getString("proxy")));
    }
  }
}
