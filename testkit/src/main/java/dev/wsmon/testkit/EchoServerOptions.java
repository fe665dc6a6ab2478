package dev.wsmon.testkit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/** Options of an {@link EchoServer}: where it listens, its limits and its initial faults. */
public class EchoServerOptions {

  /** The default host: {@value} (loopback only). */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** The default port: {@value}, i.e. a free port picked by the system. */
  public static final int DEFAULT_PORT = 0;

  /** The default TCP accept backlog: {@value} pending connections. */
  public static final int DEFAULT_ACCEPT_BACKLOG = 4096;

  /** The default largest WebSocket frame accepted and sent: {@value} bytes. */
  public static final int DEFAULT_MAX_FRAME_SIZE = 65536;

  /** The default largest message accepted: {@value} bytes (16 MiB). */
  public static final int DEFAULT_MAX_MESSAGE_SIZE = 16 * 1024 * 1024;

  /** The default host name of the TLS certificate: {@value}. */
  public static final String DEFAULT_TLS_CERTIFICATE_HOST = "localhost";

  /** The default of {@code requireClientCertificate}: {@value}. */
  public static final boolean DEFAULT_REQUIRE_CLIENT_CERTIFICATE = false;

  private String host = DEFAULT_HOST;
  private int port = DEFAULT_PORT;
  private int acceptBacklog = DEFAULT_ACCEPT_BACKLOG;
  private int maxFrameSize = DEFAULT_MAX_FRAME_SIZE;
  private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
  private FaultSpec faults = new FaultSpec();
  private String tlsCertificateHost = DEFAULT_TLS_CERTIFICATE_HOST;
  private boolean requireClientCertificate = DEFAULT_REQUIRE_CLIENT_CERTIFICATE;

  /** Default options: 127.0.0.1, a free port, no faults. */
  public EchoServerOptions() {}

  /**
   * Copy constructor.
   *
   * @param other the options to copy
   */
  public EchoServerOptions(EchoServerOptions other) {
    host = other.host;
    port = other.port;
    acceptBacklog = other.acceptBacklog;
    maxFrameSize = other.maxFrameSize;
    maxMessageSize = other.maxMessageSize;
    faults = new FaultSpec(other.faults);
    tlsCertificateHost = other.tlsCertificateHost;
    requireClientCertificate = other.requireClientCertificate;
  }

  /**
   * Reads options from JSON with the camelCase property names; {@code faults} is an array of spec
   * strings (see {@link FaultSpec}).
   *
   * @param json the options
   * @throws IllegalArgumentException naming a bad value
   */
  public EchoServerOptions(JsonObject json) {
    setHost(json.getString("host", DEFAULT_HOST));
    setPort(json.getInteger("port", DEFAULT_PORT));
    setAcceptBacklog(json.getInteger("acceptBacklog", DEFAULT_ACCEPT_BACKLOG));
    setMaxFrameSize(json.getInteger("maxFrameSize", DEFAULT_MAX_FRAME_SIZE));
    setMaxMessageSize(json.getInteger("maxMessageSize", DEFAULT_MAX_MESSAGE_SIZE));
    JsonArray specs = json.getJsonArray("faults", new JsonArray());
    FaultSpec f = new FaultSpec();
    specs.forEach(s -> f.add(String.valueOf(s)));
    faults = f;
    setTlsCertificateHost(json.getString("tlsCertificateHost", DEFAULT_TLS_CERTIFICATE_HOST));
    setRequireClientCertificate(
        json.getBoolean("requireClientCertificate", DEFAULT_REQUIRE_CLIENT_CERTIFICATE));
  }

  /**
   * The options as JSON.
   *
   * @return a new JSON object
   */
  public JsonObject toJson() {
    return new JsonObject()
        .put("host", host)
        .put("port", port)
        .put("acceptBacklog", acceptBacklog)
        .put("maxFrameSize", maxFrameSize)
        .put("maxMessageSize", maxMessageSize)
        .put("faults", new JsonArray(faults.toSpecs()))
        .put("tlsCertificateHost", tlsCertificateHost)
        .put("requireClientCertificate", requireClientCertificate);
  }

  /** The host or IP literal to bind. */
  public String getHost() {
    return host;
  }

  /**
   * Sets the host to bind, e.g. {@code 127.0.0.1}, {@code ::1} or {@code 0.0.0.0}.
   *
   * @param host the host, not blank; default {@value #DEFAULT_HOST}
   * @return this
   */
  public EchoServerOptions setHost(String host) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank, got '" + host + "'");
    }
    this.host = host;
    return this;
  }

  /** The port to bind; 0 picks a free one. */
  public int getPort() {
    return port;
  }

  /**
   * Sets the port to bind.
   *
   * @param port 0-65535, 0 picks a free port; default {@value #DEFAULT_PORT}
   * @return this
   */
  public EchoServerOptions setPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0-65535, got " + port);
    }
    this.port = port;
    return this;
  }

  /** The TCP accept backlog. */
  public int getAcceptBacklog() {
    return acceptBacklog;
  }

  /**
   * Sets the TCP accept backlog; raise it when thousands of clients connect at once.
   *
   * @param acceptBacklog pending connections, &ge; 1; default {@value #DEFAULT_ACCEPT_BACKLOG}
   * @return this
   */
  public EchoServerOptions setAcceptBacklog(int acceptBacklog) {
    if (acceptBacklog < 1) {
      throw new IllegalArgumentException("acceptBacklog must be >= 1, got " + acceptBacklog);
    }
    this.acceptBacklog = acceptBacklog;
    return this;
  }

  /** The largest frame in bytes. */
  public int getMaxFrameSize() {
    return maxFrameSize;
  }

  /**
   * Sets the largest WebSocket frame accepted; also the size sent messages are split at.
   *
   * @param maxFrameSize bytes, &ge; 125; default {@value #DEFAULT_MAX_FRAME_SIZE}
   * @return this
   */
  public EchoServerOptions setMaxFrameSize(int maxFrameSize) {
    if (maxFrameSize < 125) {
      throw new IllegalArgumentException("maxFrameSize must be >= 125 bytes, got " + maxFrameSize);
    }
    this.maxFrameSize = maxFrameSize;
    return this;
  }

  /** The largest message in bytes. */
  public int getMaxMessageSize() {
    return maxMessageSize;
  }

  /**
   * Sets the largest message accepted from a client.
   *
   * @param maxMessageSize bytes, &ge; 125; default {@value #DEFAULT_MAX_MESSAGE_SIZE}
   * @return this
   */
  public EchoServerOptions setMaxMessageSize(int maxMessageSize) {
    if (maxMessageSize < 125) {
      throw new IllegalArgumentException(
          "maxMessageSize must be >= 125 bytes, got " + maxMessageSize);
    }
    this.maxMessageSize = maxMessageSize;
    return this;
  }

  /** The initial faults (a copy is kept). */
  public FaultSpec getFaults() {
    return faults;
  }

  /**
   * Sets the faults the server starts with; a copy is kept.
   *
   * @param faults the faults, not null; default none
   * @return this
   */
  public EchoServerOptions setFaults(FaultSpec faults) {
    this.faults = new FaultSpec(Objects.requireNonNull(faults, "faults"));
    return this;
  }

  /**
   * Shortcut for {@code getFaults().setTls(tls)}: serve wss:// with a self-signed certificate.
   *
   * @param tls true for TLS; default false
   * @return this
   */
  public EchoServerOptions setTls(boolean tls) {
    faults.setTls(tls);
    return this;
  }

  /** True when the server starts with TLS. */
  public boolean isTls() {
    return faults.isTls();
  }

  /** The host name the TLS certificate is issued for. */
  public String getTlsCertificateHost() {
    return tlsCertificateHost;
  }

  /**
   * Sets the host name the server's self-signed TLS certificate is issued for; a client that
   * connects under another name sees a host name mismatch. One certificate per name is generated
   * per JVM.
   *
   * @param tlsCertificateHost a host name; default {@value #DEFAULT_TLS_CERTIFICATE_HOST}
   * @return this
   */
  public EchoServerOptions setTlsCertificateHost(String tlsCertificateHost) {
    if (tlsCertificateHost == null || tlsCertificateHost.isBlank()) {
      throw new IllegalArgumentException(
          "tlsCertificateHost must not be blank, got '" + tlsCertificateHost + "'");
    }
    this.tlsCertificateHost = tlsCertificateHost;
    return this;
  }

  /** True when TLS clients must present the test client certificate. */
  public boolean isRequireClientCertificate() {
    return requireClientCertificate;
  }

  /**
   * Sets whether TLS clients must present a certificate (mutual TLS). The server trusts only the
   * JVM's test client certificate ({@link EchoServer#clientCertificatePath()} and {@link
   * EchoServer#clientKeyPath()}); any other or none fails the handshake.
   *
   * @param requireClientCertificate true to require one; default {@value
   *     #DEFAULT_REQUIRE_CLIENT_CERTIFICATE}
   * @return this
   */
  public EchoServerOptions setRequireClientCertificate(boolean requireClientCertificate) {
    this.requireClientCertificate = requireClientCertificate;
    return this;
  }
}
