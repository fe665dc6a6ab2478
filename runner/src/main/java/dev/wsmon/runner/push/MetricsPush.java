package dev.wsmon.runner.push;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.ipc.http.HttpUrlConnectionSender;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpHttpMetricsSender;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.micrometer.registry.otlp.OtlpMetricsSender;
import io.micrometer.statsd.StatsdConfig;
import io.micrometer.statsd.StatsdMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes the wsmon meters of a run to OTLP and StatsD receivers ({@code --metrics-push}), every
 * step and once more when closed, with the common tags {@code run_id} and {@code agent}. A target
 * that cannot be reached is reported once on stderr and otherwise ignored: pushing never slows or
 * fails a run.
 */
public final class MetricsPush implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MetricsPush.class);

  /** OTLP connect timeout. */
  static final Duration OTLP_CONNECT_TIMEOUT = Duration.ofMillis(500);

  /** OTLP read timeout. */
  static final Duration OTLP_READ_TIMEOUT = Duration.ofSeconds(2);

  /** Kind of receiver. */
  public enum Kind {
    OTLP,
    STATSD
  }

  /**
   * One push target, parsed from {@code otlp=URL} or {@code statsd=HOST:PORT}.
   *
   * @param kind the receiver kind
   * @param spec the spec as given
   * @param url the OTLP URL (OTLP only)
   * @param host the StatsD host (StatsD only)
   * @param port the StatsD port (StatsD only)
   */
  public record Target(Kind kind, String spec, String url, String host, int port) {

    /** A name for messages. */
    public String describe() {
      return kind == Kind.OTLP ? "otlp " + url : "statsd " + host + ":" + port;
    }
  }

  private final CompositeMeterRegistry composite = new CompositeMeterRegistry();
  private final List<MeterRegistry> registries = new ArrayList<>();
  private final List<DatagramChannel> channels = new ArrayList<>();
  private final String runId;
  private final String agent;

  private MetricsPush(String runId, String agent) {
    this.runId = runId;
    this.agent = agent;
  }

  /**
   * Parses one spec.
   *
   * @param spec {@code otlp=http(s)://HOST[:PORT]/PATH} or {@code statsd=HOST:PORT}
   * @return the target
   * @throws IllegalArgumentException naming the spec and what is wrong
   */
  public static Target parse(String spec) {
    if (spec == null) {
      throw new IllegalArgumentException("metrics push target is missing");
    }
    int eq = spec.indexOf('=');
    if (eq < 0) {
      throw bad(spec, "write otlp=URL or statsd=HOST:PORT");
    }
    String kind = spec.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT);
    String value = spec.substring(eq + 1).trim();
    switch (kind) {
      case "otlp":
        return new Target(Kind.OTLP, spec, otlpUrl(spec, value), null, 0);
      case "statsd":
        return statsd(spec, value);
      default:
        throw bad(spec, "unknown kind '" + kind + "'; use otlp=URL or statsd=HOST:PORT");
    }
  }

  /**
   * Parses several specs.
   *
   * @param specs the specs
   * @return the targets, in order
   * @throws IllegalArgumentException naming the first bad spec
   */
  public static List<Target> parse(List<String> specs) {
    List<Target> targets = new ArrayList<>();
    for (String s : specs) {
      targets.add(parse(s));
    }
    return targets;
  }

  private static String otlpUrl(String spec, String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw bad(spec, "not a URL: " + e.getMessage());
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
      throw bad(
          spec, "the OTLP URL must use http:// or https://, e.g. http://HOST:4318/v1/metrics");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw bad(spec, "the OTLP URL has no host");
    }
    if (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/")) {
      return value.replaceAll("/+$", "") + "/v1/metrics";
    }
    return value;
  }

  private static Target statsd(String spec, String value) {
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw bad(spec, "write statsd=HOST:PORT, e.g. statsd=127.0.0.1:8125");
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw bad(spec, "the port must be a number from 1 to 65535");
    }
    if (port < 1 || port > 65535) {
      throw bad(spec, "the port must be a number from 1 to 65535");
    }
    return new Target(Kind.STATSD, spec, null, host, port);
  }

  private static IllegalArgumentException bad(String spec, String hint) {
    return new IllegalArgumentException("bad metrics push target '" + spec + "': " + hint);
  }

  /**
   * Creates and starts a registry per target, all in one composite.
   *
   * @param targets the targets
   * @param step how often to push (the sample interval)
   * @param err where the one warning per unreachable target goes
   * @return the started push
   */
  public static MetricsPush start(List<Target> targets, Duration step, PrintStream err) {
    MetricsPush push = new MetricsPush(UUID.randomUUID().toString(), hostname());
    for (Target t : targets) {
      Reporter reporter = new Reporter(t, err);
      try {
        MeterRegistry r =
            t.kind() == Kind.OTLP ? push.otlp(t, step, reporter) : push.statsd(t, step, reporter);
        if (r == null) {
          reporter.report("cannot resolve host " + t.host());
          continue;
        }
        r.config().commonTags(push.commonTags());
        push.registries.add(r);
        push.composite.add(r);
      } catch (RuntimeException e) {
        reporter.report(e.toString());
      }
    }
    return push;
  }

  /** The registry to give the tracker (a composite of the push registries). */
  public MeterRegistry registry() {
    return composite;
  }

  /** The generated run id (tag {@code run_id}). */
  public String runId() {
    return runId;
  }

  /** The common tags every pushed meter carries. */
  public Tags commonTags() {
    return Tags.of("run_id", runId, "agent", agent);
  }

  /** Pushes what remains (a final flush) and closes every registry. */
  @Override
  public void close() {
    for (MeterRegistry r : registries) {
      try {
        r.close();
      } catch (RuntimeException e) {
        LOG.debug("closing a push registry", e);
      }
    }
    composite.close();
    for (DatagramChannel c : channels) {
      try {
        c.close();
      } catch (IOException e) {
        LOG.debug("closing a StatsD channel", e);
      }
    }
  }

  private MeterRegistry otlp(Target t, Duration step, Reporter reporter) {
    OtlpConfig config =
        new OtlpConfig() {
          @Override
          public String get(String key) {
            return null;
          }

          @Override
          public String url() {
            return t.url();
          }

          @Override
          public Duration step() {
            return step;
          }

          @Override
          public Map<String, String> resourceAttributes() {
            return Map.of("service.name", "wsmon");
          }
        };
    OtlpMetricsSender http =
        new OtlpHttpMetricsSender(
            new HttpUrlConnectionSender(OTLP_CONNECT_TIMEOUT, OTLP_READ_TIMEOUT));
    OtlpMetricsSender sender =
        request -> {
          try {
            http.send(request);
          } catch (Exception e) {
            reporter.report(e.getMessage() == null ? e.toString() : e.getMessage());
          }
        };
    return OtlpMeterRegistry.builder(config)
        .clock(Clock.SYSTEM)
        .threadFactory(daemon("wsmon-otlp-push"))
        .metricsSender(sender)
        .build();
  }

  private MeterRegistry statsd(Target t, Duration step, Reporter reporter) {
    InetSocketAddress address = new InetSocketAddress(t.host(), t.port());
    if (address.isUnresolved()) {
      return null;
    }
    DatagramChannel channel;
    try {
      channel = DatagramChannel.open();
      channel.configureBlocking(false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    channels.add(channel);
    StatsdConfig config =
        new StatsdConfig() {
          @Override
          public String get(String key) {
            return null;
          }

          @Override
          public String host() {
            return t.host();
          }

          @Override
          public int port() {
            return t.port();
          }

          @Override
          public Duration step() {
            return step;
          }

          @Override
          public Duration pollingFrequency() {
            return step;
          }
        };
    return StatsdMeterRegistry.builder(config)
        .clock(Clock.SYSTEM)
        .lineSink(line -> send(channel, address, line, reporter))
        .build();
  }

  /**
   * One line, one datagram, never blocking: an unconnected non-blocking channel ignores ICMP
   * replies and drops a line when the socket buffer is full.
   */
  private static void send(
      DatagramChannel channel, InetSocketAddress address, String line, Reporter reporter) {
    try {
      channel.send(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)), address);
    } catch (IOException e) {
      reporter.report(e.toString());
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread thread = new Thread(r, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  private static String hostname() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }

  /** Reports a target's failure once on stderr. */
  static final class Reporter {
    private final Target target;
    private final PrintStream err;
    private final AtomicBoolean reported = new AtomicBoolean();

    Reporter(Target target, PrintStream err) {
      this.target = target;
      this.err = err;
    }

    void report(String why) {
      if (reported.compareAndSet(false, true)) {
        err.println(
            "wsmon run: warning: cannot push metrics to "
                + target.describe()
                + " ("
                + why
                + "); the run goes on without it");
      } else {
        LOG.debug("push to {} failed: {}", target.describe(), why);
      }
    }
  }
}
