package dev.wsmon.runner.cli;

import dev.wsmon.runner.config.ConfigSource;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The connection options as flags, shared by {@code run} and {@code monitor}: one flag per
 * connection option (the kebab case of its JSON name, plus the documented {@code --correlate},
 * {@code --insecure}, {@code -H}, {@code --subprotocol} and the {@code --no-*} negations), each
 * also a config key and a {@code WSMON_*} variable.
 */
final class ConnectionFlags {

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Spec CommandSpec self;

  @Option(
      names = {"-c", "--connections"},
      paramLabel = "N",
      description = "Connections per endpoint (default: 1).")
  Integer connections;

  @Option(
      names = "--ramp-up",
      paramLabel = "DUR",
      converter = Converters.DurationConverter.class,
      description = "Spread connection starts over this time (default: 0s).")
  Duration rampUp;

  @Option(
      names = "--correlate",
      paramLabel = "fifo|json:FIELD|binary:OFFSET:LEN|none",
      converter = Converters.CorrelationConverter.class,
      description =
          "How replies are matched to sends for round-trip times (default: fifo); binary:OFFSET:LEN"
              + " matches --binary messages by LEN bytes at byte OFFSET, where wsmon writes each"
              + " request's sequence number.")
  String correlate;

  @Option(
      names = "--ping-interval",
      paramLabel = "DUR",
      converter = Converters.DurationConverter.class,
      description =
          "Send a ping this often and measure the pong; 0 = off (default: off in run, 10s in"
              + " monitor).")
  Duration pingInterval;

  @Option(
      names = "--pong-timeout",
      paramLabel = "DUR",
      converter = Converters.DurationConverter.class,
      description = "A missing pong after this long drops the connection (default: 10s).")
  Duration pongTimeout;

  @Option(
      names = "--seq-field",
      paramLabel = "PATH",
      description = "JSON field of received messages holding a sequence number (feed metrics).")
  String seqField;

  @Option(
      names = "--ts-field",
      paramLabel = "PATH",
      description = "JSON field of received messages holding a send timestamp (feed metrics).")
  String tsField;

  @Option(
      names = "--max-silence",
      paramLabel = "DUR",
      converter = Converters.DurationConverter.class,
      description = "Raise STALE when no message arrives for this long.")
  Duration maxSilence;

  @Option(
      names = "--max-reconnect-attempts",
      paramLabel = "N",
      description = "Retries before giving up; -1 = unlimited (default: 5).")
  Integer maxReconnectAttempts;

  @Option(
      names = "--reconnect-delay",
      paramLabel = "DUR",
      converter = Converters.DurationConverter.class,
      description = "First backoff delay (default: 5s).")
  Duration reconnectDelay;

  @Option(
      names = "--max-reconnect-delay",
      paramLabel = "DUR",
      converter = Converters.DurationConverter.class,
      description = "Backoff cap (default: 60s).")
  Duration maxReconnectDelay;

  @Option(
      names = "--backoff-multiplier",
      paramLabel = "X",
      description = "Backoff growth factor (default: 2).")
  Double backoffMultiplier;

  @Option(
      names = "--jitter",
      paramLabel = "FRACTION",
      description = "Random spread of each delay, 0..1 (default: 0.2).")
  Double jitter;

  @Option(
      names = "--stable-after",
      paramLabel = "DUR",
      converter = Converters.DurationConverter.class,
      description = "Uptime after which the retry count resets (default: 10s).")
  Duration stableAfter;

  @Option(
      names = "--no-auto-reconnect",
      description = "Do not reconnect after an unexpected close.")
  boolean noAutoReconnect;

  @Option(
      names = "--connect-timeout",
      paramLabel = "DUR",
      converter = Converters.DurationConverter.class,
      description = "Limit for a whole attempt: DNS, TCP, TLS and upgrade (default: 10s).")
  Duration connectTimeout;

  @Option(
      names = {"-H", "--header"},
      paramLabel = "'Name: value'",
      converter = Converters.HeaderConverter.class,
      description = "Handshake header ({conn}/{seq} templating); repeatable.")
  List<String> headers;

  @Option(
      names = "--source-addresses",
      paramLabel = "LIST",
      description =
          "Spread connections round-robin over these local source addresses, one client each:"
              + " 127.0.0.1-127.0.0.8 or a,b,c; repeatable. Default: any, or 127.0.0.x chosen"
              + " automatically for a loopback target when one address has too few ephemeral"
              + " ports.")
  List<String> sourceAddresses;

  @Option(
      names = "--subprotocol",
      paramLabel = "P",
      description = "WebSocket subprotocol to offer; repeatable.")
  List<String> subprotocols;

  @Option(names = "--insecure", description = "Trust any TLS certificate and skip host checks.")
  boolean insecure;

  @Option(
      names = "--per-message-deflate",
      description = "Offer permessage-deflate compression (RFC 7692) in the handshake.")
  boolean perMessageDeflate;

  @Option(
      names = "--max-frame-size",
      paramLabel = "BYTES",
      description = "Largest WebSocket frame accepted (default: 65536).")
  Integer maxFrameSize;

  @Option(
      names = "--max-message-size",
      paramLabel = "BYTES",
      description = "Largest message accepted; a larger one is a protocol error (default: 262144).")
  Integer maxMessageSize;

  @Option(
      names = "--validate-utf8",
      description = "Check that text messages are valid UTF-8 (default: off).")
  boolean validateUtf8;

  @Option(
      names = "--protocol-error-policy",
      paramLabel = "POLICY",
      description = "What a protocol error does: KEEP_OPEN or CLOSE (default: KEEP_OPEN).")
  String protocolErrorPolicy;

  @Option(
      names = "--ts-unit",
      paramLabel = "UNIT",
      description =
          "Unit of --ts-field: AUTO, S, MS, US or NS (default: AUTO, from the magnitude).")
  String tsUnit;

  @Option(
      names = "--no-verify-host",
      description = "Do not check the server certificate's host name (--insecure implies it).")
  boolean noVerifyHost;

  @Option(
      names = "--local-address",
      paramLabel = "ADDR",
      description = "Local address every connection binds to (see also --source-addresses).")
  String localAddress;

  @Option(
      names = "--send-buffer-size",
      paramLabel = "N",
      description =
          "Messages queued per connection while it is not writable; 0 = none (default: 0).")
  Integer sendBufferSize;

  @Option(
      names = "--backpressure",
      paramLabel = "POLICY",
      description = "When the socket is not writable: WAIT or FAIL (default: WAIT).")
  String backpressure;

  @Option(
      names = "--max-pending-writes",
      paramLabel = "N",
      description = "Writes in flight per connection before backpressure applies (default: 1024).")
  Integer maxPendingWrites;

  @Option(
      names = "--max-pending-requests",
      paramLabel = "N",
      description =
          "Requests awaiting a reply per connection (default: 1024, at least --window in run).")
  Integer maxPendingRequests;

  @Option(
      names = "--non-retried-statuses",
      paramLabel = "LIST",
      split = ",",
      description = "Handshake HTTP statuses never retried (default: 401,403).")
  List<String> nonRetriedStatuses;

  @Option(
      names = "--non-retried-close-codes",
      paramLabel = "LIST",
      split = ",",
      description = "Close codes never reconnected after (default: 1008).")
  List<String> nonRetriedCloseCodes;

  @Option(
      names = "--retry-after-statuses",
      paramLabel = "LIST",
      split = ",",
      description =
          "Handshake statuses whose Retry-After header sets the delay (default: 429,503).")
  List<String> retryAfterStatuses;

  @Option(
      names = "--no-honour-retry-after",
      description = "Ignore Retry-After and use the backoff delay.")
  boolean noHonourRetryAfter;

  @Option(
      names = "--retry-refusals",
      description =
          "Retry refusals (HTTP 401/403 upgrades, close 1008) at --max-reconnect-delay instead of"
              + " giving up (default: off in run, on in monitor).")
  boolean retryRefusals;

  /** The long names of these flags. */
  Set<String> names() {
    return self.options().stream().map(OptionSpec::longestName).collect(Collectors.toSet());
  }

  /** Puts the connection flags given on the command line into {@code source}. */
  void putInto(ConfigSource source) {
    ParseResult parsed = mixee.commandLine().getParseResult();
    Set<String> mine = names();
    for (OptionSpec option : parsed.matchedOptions()) {
      if (mine.contains(option.longestName())) {
        put(source, option);
      }
    }
  }

  /** Puts one matched flag into {@code source} under its config key. */
  static void put(ConfigSource source, OptionSpec option) {
    String name = option.longestName();
    switch (name) {
      case "--no-auto-reconnect" -> source.put("autoReconnect", false, name);
      case "--no-verify-host" -> source.put("verifyHost", false, name);
      case "--no-honour-retry-after" -> source.put("honourRetryAfter", false, name);
      default -> {
        String key = keyOf(name);
        if (option.typeInfo().isBoolean()) {
          source.put(key, true, name);
        } else if (option.isMultiValue()) {
          source.put(key, new JsonArray(List.copyOf(option.originalStringValues())), name);
        } else {
          List<String> raw = option.originalStringValues();
          source.put(key, raw.get(raw.size() - 1), name);
        }
      }
    }
  }

  /**
   * The config key of a flag: its camelCase, the list key of a repeatable flag, or the option's
   * name for the documented flags {@code --correlate} and {@code --insecure}.
   */
  static String keyOf(String optionName) {
    return switch (optionName) {
      case "--header" -> "headers";
      case "--subprotocol" -> "subprotocols";
      case "--correlate" -> "correlation";
      case "--insecure" -> "trustAll";
      case "--threshold" -> "thresholds";
      case "--check" -> "messageChecks";
      default -> ConfigSource.camel(optionName);
    };
  }
}
