package dev.wsmon.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The raw Vert.x client as a process of its own, the baseline of {@code bench/process/run.sh}
 * (whole processes, JVM start-up included, the way a user runs {@code wsmon run}):
 *
 * <pre>
 * RawProcess flood URI [connections=10] [window=64] [size=64] [seconds=20] [loops=4]
 * RawProcess hold URI [connections=10000] [sources=127.0.0.1,...] [rate=2000] [ping=10] [seconds=60]
 * </pre>
 *
 * {@code flood} keeps {@code window} messages of {@code size} bytes in flight per connection for
 * {@code seconds}, then stops sending and awaits the replies in flight; {@code hold} opens the
 * connections at {@code rate} per second (one {@code WebSocketClient} per source address), prints
 * {@code held N} once all are up, pings each every {@code ping} seconds from one timer and closes
 * them after {@code seconds}. Both print one JSON line at the end.
 */
public final class RawProcess {

  private RawProcess() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: RawProcess flood|hold URI [key=value ...]");
      System.exit(2);
    }
    Map<String, String> a = new HashMap<>();
    for (int i = 2; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      a.put(kv[0], kv[1]);
    }
    JsonObject out =
        switch (args[0]) {
          case "flood" -> flood(args[1], a);
          case "hold" -> hold(args[1], a);
          default -> throw new IllegalArgumentException("unknown mode '" + args[0] + "'");
        };
    System.out.println(out.encode());
    System.out.flush();
    System.exit(0);
  }

  private static int intArg(Map<String, String> a, String key, int def) {
    return Integer.parseInt(a.getOrDefault(key, String.valueOf(def)));
  }

  private static JsonObject flood(String uri, Map<String, String> a) throws Exception {
    int connections = intArg(a, "connections", 10);
    int window = intArg(a, "window", 64);
    int size = intArg(a, "size", 64);
    int seconds = intArg(a, "seconds", 20);
    int loops = intArg(a, "loops", 4);
    long t0 = System.nanoTime();
    try (RawClient raw = RawClient.open(uri, connections, loops, "x".repeat(size))) {
      long f0 = System.nanoTime();
      raw.flood(window);
      Thread.sleep(seconds * 1000L);
      raw.stopAndDrain();
      long f1 = System.nanoTime();
      long received = raw.received();
      return new JsonObject()
          .put("messages_received", received)
          .put("connect_seconds", (f0 - t0) / 1e9)
          .put("elapsed_seconds", (f1 - f0) / 1e9);
    }
  }

  private static JsonObject hold(String uri, Map<String, String> a) throws Exception {
    int n = intArg(a, "connections", 10_000);
    int rate = intArg(a, "rate", 2000);
    int ping = intArg(a, "ping", 10);
    int seconds = intArg(a, "seconds", 60);
    String[] sources = a.getOrDefault("sources", "127.0.0.1").split(",");
    URI u = URI.create(uri);
    Vertx vertx = Vertx.vertx();
    List<WebSocketClient> clients = new ArrayList<>();
    for (String s : sources) {
      clients.add(
          vertx.createWebSocketClient(
              new WebSocketClientOptions().setMaxConnections(2 * n).setLocalAddress(s)));
    }
    ConcurrentLinkedQueue<WebSocket> sockets = new ConcurrentLinkedQueue<>();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    Promise<Void> allUp = Promise.promise();
    long t0 = System.nanoTime();
    long[] next = {0};
    vertx.setPeriodic(
        10,
        id -> {
          long due = Math.min(n, (System.nanoTime() - t0) * rate / 1_000_000_000L + 1);
          for (; next[0] < due; next[0]++) {
            WebSocketClient c = clients.get((int) (next[0] % clients.size()));
            c.connect(u.getPort(), u.getHost(), u.getPath())
                .onComplete(
                    ar -> {
                      if (ar.succeeded()) {
                        sockets.add(ar.result());
                      } else {
                        failed.incrementAndGet();
                      }
                      if (done.incrementAndGet() == n) {
                        allUp.tryComplete();
                      }
                    });
          }
          if (next[0] >= n) {
            vertx.cancelTimer(id);
          }
        });
    allUp.future().await();
    double connectSeconds = (System.nanoTime() - t0) / 1e9;
    System.out.println("held " + sockets.size() + " failed " + failed.get());
    System.out.flush();
    Buffer payload = Buffer.buffer("p");
    long pingTimer =
        vertx.setPeriodic(ping * 1000L, id -> sockets.forEach(ws -> ws.writePing(payload)));
    Thread.sleep(seconds * 1000L);
    vertx.cancelTimer(pingTimer);
    int open = (int) sockets.stream().filter(ws -> !ws.isClosed()).count();
    long c0 = System.nanoTime();
    List<Future<Void>> closing = new ArrayList<>();
    sockets.forEach(ws -> closing.add(ws.close((short) 1000)));
    Future.join(closing).otherwiseEmpty().await();
    double closeSeconds = (System.nanoTime() - c0) / 1e9;
    vertx.close().await();
    return new JsonObject()
        .put("connections", n)
        .put("connected", sockets.size())
        .put("failed", failed.get())
        .put("open_at_end", open)
        .put("connect_seconds", connectSeconds)
        .put("close_seconds", closeSeconds);
  }
}
