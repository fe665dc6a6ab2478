package dev.wsmon.runner.load;

import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.Correlation;
import dev.wsmon.core.ReconnectPolicy;
import dev.wsmon.core.Redaction;
import dev.wsmon.runner.config.ConfigException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns {@link RunSettings} into the {@link ConnectionOptions} of the connection verticle. An
 * endpoint whose URI or headers use {@code {conn}} becomes one endpoint per connection (same group
 * label), rendered with the connection number; {@code {seq}} there is 1.
 */
public final class RunEndpoints {

  private RunEndpoints() {}

  /**
   * The endpoint options, in connection-number order.
   *
   * @throws ConfigException when an option is rejected, naming it
   */
  public static List<ConnectionOptions> of(RunSettings s) {
    List<ConnectionOptions> out = new ArrayList<>();
    int number = 0;
    for (RunSettings.Endpoint e : s.endpoints) {
      int n = e.connections() != null ? e.connections() : s.connections;
      boolean perConnection =
          !e.uri().isConstant() || s.headers.stream().anyMatch(h -> !h.value().isConstant());
      String group = e.group() != null ? e.group() : Redaction.uri(e.uri().text());
      if (perConnection) {
        for (int i = 0; i < n; i++) {
          number++;
          out.add(options(s, e, e.uri().render(number, 1), group, 1, number));
        }
      } else {
        out.add(options(s, e, e.uri().text(), e.group(), n, number + 1));
        number += n;
      }
    }
    return out;
  }

  private static ConnectionOptions options(
      RunSettings s,
      RunSettings.Endpoint endpoint,
      String uri,
      String group,
      int connections,
      int number) {
    try {
      ConnectionOptions o =
          new ConnectionOptions(s.connectionOptions.copy().put("uri", uri))
              .setConnections(connections)
              .setRampUp(s.rampUp)
              .setConnectTimeout(s.connectTimeout)
              .setPingInterval(s.pingInterval)
              .setPongTimeout(s.pongTimeout)
              .setSubprotocols(s.subprotocols)
              .setSourceAddresses(s.sourceAddresses)
              .setTrustAll(s.insecure)
              .setCorrelation(correlation(s));
      if (!s.connectionOptions.containsKey("verifyHost")) {
        o.setVerifyHost(!s.insecure);
      }
      if (!s.connectionOptions.containsKey("maxPendingRequests")) {
        o.setMaxPendingRequests(Math.max(ConnectionOptions.DEFAULT_MAX_PENDING_REQUESTS, s.window));
      }
      s.network.applyTo(o);
      o.setProtocolOptions(s.protocolOf(endpoint));
      if (group != null) {
        o.setGroup(group);
      }
      if (s.seqField != null) {
        o.setSeqField(s.seqField);
      }
      if (s.tsField != null) {
        o.setTsField(s.tsField);
      }
      if (s.maxSilence != null) {
        o.setMaxSilence(s.maxSilence);
      }
      for (RunSettings.Header h : s.headers) {
        o.addHeader(h.name(), h.value().render(number, 1));
      }
      ReconnectPolicy p = o.getReconnectPolicy();
      p.setAutoReconnect(s.autoReconnect)
          .setMaxReconnectAttempts(s.maxReconnectAttempts)
          .setReconnectDelay(s.reconnectDelay)
          .setMaxReconnectDelay(s.maxReconnectDelay)
          .setBackoffMultiplier(s.backoffMultiplier)
          .setJitter(s.jitter)
          .setStableAfter(s.stableAfter);
      return o;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  private static Correlation correlation(RunSettings s) {
    return switch (s.correlation) {
      case FIFO -> Correlation.fifo();
      case JSON -> Correlation.jsonField(s.correlationField);
      case BINARY -> Correlation.binary(s.binaryId);
      case NONE -> Correlation.none();
    };
  }
}
