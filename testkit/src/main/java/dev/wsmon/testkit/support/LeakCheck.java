package dev.wsmon.testkit.support;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.util.Map;

/**
 * What a leak leaves behind, measured at a quiet point so that two points (after warm-up, at the
 * end) can be compared: heap after GC, live threads, open file descriptors, pending Vert.x timers
 * and registered event-bus handlers. Timers and handlers have no public API in Vert.x 5.0.10 and
 * are read from its internals.
 */
public final class LeakCheck {

  private LeakCheck() {}

  /**
   * The figures of this JVM and of {@code vertx} now.
   *
   * @param vertx whose timers and event-bus handlers are counted
   * @return the figures
   */
  public static Figures measure(Vertx vertx) {
    return new Figures(
        heapAfterGc(), Thread.activeCount(), openFiles(), timers(vertx), consumers(vertx));
  }

  /**
   * Heap in use after garbage collection: the least of five {@code System.gc()} rounds.
   *
   * @return bytes
   */
  public static long heapAfterGc() {
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return least;
  }

  /**
   * Open file descriptors of this process, from {@code /proc/self/fd}.
   *
   * @return the count, or -1 where there is no {@code /proc}
   */
  public static int openFiles() {
    String[] fds = new File("/proc/self/fd").list();
    return fds == null ? -1 : fds.length;
  }

  /**
   * Pending timers (one-shot and periodic) of {@code vertx}.
   *
   * @param vertx the instance
   * @return the count
   */
  public static int timers(Vertx vertx) {
    return ((Map<?, ?>) field(vertx, "timeouts")).size();
  }

  /**
   * Registered event-bus handlers of {@code vertx} (local consumers and reply handlers).
   *
   * @param vertx the instance
   * @return the count
   */
  public static int consumers(Vertx vertx) {
    Map<?, ?> handlers = (Map<?, ?>) field(vertx.eventBus(), "handlerMap");
    int n = 0;
    for (Object sequence : handlers.values()) {
      try {
        n += (Integer) sequence.getClass().getMethod("size").invoke(sequence);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return n;
  }

  private static Object field(Object target, String name) {
    for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(target);
      } catch (NoSuchFieldException next) {
        // the superclass
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("no field " + name + " in " + target.getClass());
  }

  /**
   * The figures at one point.
   *
   * @param heap heap after GC, bytes
   * @param threads live threads
   * @param fds open file descriptors, -1 where unknown
   * @param timers pending Vert.x timers
   * @param consumers registered event-bus handlers
   */
  public record Figures(long heap, int threads, int fds, int timers, int consumers) {

    /**
     * The figures as JSON, heap in MiB.
     *
     * @return {@code {"heap_mb", "threads", "fds", "timers", "consumers"}}
     */
    public JsonObject toJson() {
      return new JsonObject()
          .put("heap_mb", heap / 1024.0 / 1024.0)
          .put("threads", threads)
          .put("fds", fds)
          .put("timers", timers)
          .put("consumers", consumers);
    }
  }
}
