package dev.wsmon.core.impl;

import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.core.internal.SourceAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code WebSocketClient}s of a connection verticle: one per distinct client-wide setting set,
 * where the source address counts per connection. Connection {@code i} of an endpoint with source
 * addresses {@code a_0 .. a_n-1} (given, or chosen automatically for a loopback target) uses {@code
 * a_(i mod n)}. Each client's pool ({@code maxConnections}) is sized from the connections that use
 * it, so no connection waits silently in Vert.x's per-endpoint queue.
 */
public final class ClientPool {

  private final List<ConnectionOptions> endpoints;
  private final List<List<String>> sources = new ArrayList<>();
  private final Map<ClientKey, WebSocketClient> clients = new LinkedHashMap<>();

  private ClientPool(List<ConnectionOptions> endpoints) {
    this.endpoints = endpoints;
  }

  /**
   * Creates the clients for {@code endpoints}.
   *
   * @param vertx the Vert.x instance
   * @param endpoints the endpoints, in order
   * @param perAddress connections one source address can hold (see {@link
   *     SourceAddresses#perAddress})
   */
  public static ClientPool create(Vertx vertx, List<ConnectionOptions> endpoints, int perAddress) {
    ClientPool pool = new ClientPool(endpoints);
    Map<ClientKey, int[]> counts = new LinkedHashMap<>();
    Map<ClientKey, Long> timeouts = new LinkedHashMap<>();
    for (ConnectionOptions e : endpoints) {
      List<String> s = e.getSourceAddresses();
      if (s.isEmpty() && e.getLocalAddress() == null) {
        s = SourceAddresses.auto(e.getUri(), e.getConnections(), perAddress);
      }
      pool.sources.add(s);
      int n = e.getConnections();
      int slots = Math.max(1, s.size());
      for (int j = 0; j < slots && j < n; j++) {
        ClientKey key = s.isEmpty() ? ClientKey.of(e) : ClientKey.of(e, s.get(j));
        counts.computeIfAbsent(key, k -> new int[1])[0] += n / slots + (j < n % slots ? 1 : 0);
        timeouts.merge(key, e.getConnectTimeout().toMillis(), Math::max);
      }
    }
    counts.forEach(
        (key, count) ->
            pool.clients.put(
                key, vertx.createWebSocketClient(key.clientOptions(count[0], timeouts.get(key)))));
    return pool;
  }

  /** The source addresses endpoint {@code endpointIndex} spreads over; empty for none. */
  public List<String> sources(int endpointIndex) {
    return sources.get(endpointIndex);
  }

  /** The client of connection {@code i} (0-based) of endpoint {@code endpointIndex}. */
  public WebSocketClient client(int endpointIndex, int i) {
    ConnectionOptions e = endpoints.get(endpointIndex);
    List<String> s = sources.get(endpointIndex);
    return clients.get(s.isEmpty() ? ClientKey.of(e) : ClientKey.of(e, s.get(i % s.size())));
  }

  /** Each client with its settings, in creation order. */
  public Map<ClientKey, WebSocketClient> clients() {
    return Collections.unmodifiableMap(clients);
  }

  /** How many clients there are. */
  public int size() {
    return clients.size();
  }

  /** Closes every client. */
  public Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    clients.values().forEach(c -> closing.add(c.close()));
    return Future.join(closing).mapEmpty();
  }
}
