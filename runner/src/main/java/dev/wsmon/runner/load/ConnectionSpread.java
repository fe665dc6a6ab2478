package dev.wsmon.runner.load;

import dev.wsmon.core.ConnectionOptions;
import io.vertx.core.VertxOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the endpoints of a run over event loops: one connection verticle per loop, each taking a
 * contiguous range of connection numbers, so ids stay {@code c-1} ... {@code c-N} in endpoint order
 * whatever the number of loops. An endpoint that straddles two ranges is split into two endpoints
 * with the same options; the ramp-up stays one over the whole run ({@link LocalBackend} gives each
 * verticle its offset in it).
 */
public final class ConnectionSpread {

  /** Most event loops a run may ask for: {@value}. */
  public static final int MAX_EVENT_LOOPS = 1024;

  /**
   * The connections of one verticle.
   *
   * @param firstNumber the number of its first connection
   * @param endpoints its endpoints, whose connection counts add up to its share
   */
  public record Slice(int firstNumber, List<ConnectionOptions> endpoints) {

    /** The number of connections of the slice. */
    public int connections() {
      return endpoints.stream().mapToInt(ConnectionOptions::getConnections).sum();
    }
  }

  private ConnectionSpread() {}

  /**
   * The number of event loops for {@code connections} connections when {@code requested} are asked
   * for: {@code requested} (0 = Vert.x's default event-loop count, 2 x cores), never more than the
   * connections and at least 1.
   */
  public static int loops(int requested, int connections) {
    int wanted = requested > 0 ? requested : VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
    return Math.max(1, Math.min(wanted, connections));
  }

  /**
   * Splits {@code endpoints} (in connection-number order, numbered from 1) into {@code loops}
   * slices whose sizes differ by at most one.
   *
   * @param endpoints the endpoints of the run
   * @param loops the number of slices, at least 1
   * @return the non-empty slices, in number order
   */
  public static List<Slice> of(List<ConnectionOptions> endpoints, int loops) {
    int total = endpoints.stream().mapToInt(ConnectionOptions::getConnections).sum();
    if (total == 0) {
      return List.of();
    }
    int n = Math.max(1, Math.min(loops, total));
    List<Slice> slices = new ArrayList<>(n);
    int endpoint = 0;
    int usedOfEndpoint = 0;
    int number = 1;
    for (int k = 0; k < n; k++) {
      int share = total / n + (k < total % n ? 1 : 0);
      List<ConnectionOptions> part = new ArrayList<>();
      int first = number;
      while (share > 0) {
        ConnectionOptions e = endpoints.get(endpoint);
        int left = e.getConnections() - usedOfEndpoint;
        int take = Math.min(left, share);
        part.add(take == e.getConnections() ? e : new ConnectionOptions(e).setConnections(take));
        share -= take;
        number += take;
        usedOfEndpoint += take;
        if (usedOfEndpoint == e.getConnections()) {
          endpoint++;
          usedOfEndpoint = 0;
        }
      }
      slices.add(new Slice(first, part));
    }
    return slices;
  }
}
