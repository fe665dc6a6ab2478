package dev.wsmon.runner.load;

import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.Redaction;
import dev.wsmon.core.SendOptions;
import dev.wsmon.runner.config.ConfigException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns {@link RunSettings} into the {@link ConnectionOptions} of the connection verticle, through
 * the options' JSON constructor ({@link dev.wsmon.runner.config.ConnectionConfig#endpoint}). An
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
    JsonObject base = s.connection.json();
    JsonObject headers = base.getJsonObject("headers", new JsonObject());
    boolean pendingGiven = base.containsKey("maxPendingRequests");
    boolean templatedHeaders =
        headers.stream().anyMatch(h -> !Template.of(String.valueOf(h.getValue())).isConstant());
    int number = 0;
    for (RunSettings.Endpoint e : s.endpoints) {
      int n = e.connections() != null ? e.connections() : s.connections;
      boolean perConnection = !e.uri().isConstant() || templatedHeaders;
      String group = e.group() != null ? e.group() : Redaction.uri(e.uri().text());
      if (perConnection) {
        for (int i = 0; i < n; i++) {
          number++;
          out.add(
              options(s, e, e.uri().render(number, 1), group, 1, number, headers, pendingGiven));
        }
      } else {
        out.add(options(s, e, e.uri().text(), e.group(), n, number + 1, headers, pendingGiven));
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
      int number,
      JsonObject headers,
      boolean pendingGiven) {
    JsonObject own = new JsonObject().put("uri", uri).put("connections", connections);
    if (group != null) {
      own.put("group", group);
    }
    if (!pendingGiven) {
      own.put("maxPendingRequests", Math.max(SendOptions.DEFAULT_MAX_PENDING_REQUESTS, s.window));
    }
    if (!headers.isEmpty()) {
      JsonObject rendered = new JsonObject();
      headers.forEach(
          h -> rendered.put(h.getKey(), Template.of((String) h.getValue()).render(number, 1)));
      own.put("headers", rendered);
    }
    ConnectionOptions o = s.connection.endpoint(own);
    try {
      return o.setProtocolOptions(s.protocolOf(endpoint));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }
}
