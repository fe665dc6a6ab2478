package dev.wsmon.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * The least a Vert.x client can do for the same traffic as {@code wsmon run --rate 0 --window W}:
 * one verticle with its own {@code WebSocketClient} per event loop (as many loops as wsmon uses),
 * {@code writeTextMessage} from the {@code textMessageHandler}, a plain counter, and for ping-pong
 * a send timestamp and a histogram. No correlation, no per-connection stats, no tracker.
 */
final class RawClient implements AutoCloseable {

  private final Vertx vertx;
  private final List<Loop> loops = new ArrayList<>();

  /** The connections of one event loop; every field is touched on that loop only. */
  static final class Loop extends VerticleBase {
    private final URI uri;
    private final int count;
    private final String payload;
    private final List<WebSocket> sockets = new ArrayList<>();
    private WebSocketClient client;
    private long received;
    private long inFlight;
    private boolean running;
    private Promise<Void> drained;
    private Histogram rtt;
    private long sentAt;

    Loop(URI uri, int count, String payload) {
      this.uri = uri;
      this.count = count;
      this.payload = payload;
    }

    @Override
    public Future<?> start() {
      client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(count));
      List<Future<WebSocket>> all = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        all.add(client.connect(uri.getPort(), uri.getHost(), uri.getPath()));
      }
      return Future.all(all).onSuccess(cf -> sockets.addAll(cf.list()));
    }

    <T> Future<T> on(Supplier<T> task) {
      Promise<T> p = Promise.promise();
      context.runOnContext(v -> p.complete(task.get()));
      return p.future();
    }

    void flood(int window) {
      running = true;
      for (WebSocket ws : sockets) {
        ws.textMessageHandler(
            text -> {
              received++;
              inFlight--;
              if (running) {
                inFlight++;
                ws.writeTextMessage(payload);
              } else if (inFlight == 0 && drained != null) {
                drained.tryComplete();
              }
            });
        for (int i = 0; i < window; i++) {
          inFlight++;
          ws.writeTextMessage(payload);
        }
      }
    }

    void pingPong() {
      running = true;
      rtt = new Histogram(3);
      WebSocket ws = sockets.get(0);
      ws.textMessageHandler(
          text -> {
            rtt.recordValue(Math.max(1, (System.nanoTime() - sentAt + 500) / 1000));
            received++;
            inFlight--;
            if (running) {
              inFlight++;
              sentAt = System.nanoTime();
              ws.writeTextMessage(payload);
            } else if (drained != null) {
              drained.tryComplete();
            }
          });
      inFlight++;
      sentAt = System.nanoTime();
      ws.writeTextMessage(payload);
    }

    Future<Void> stopAndDrain() {
      Promise<Void> p = Promise.promise();
      context.runOnContext(
          v -> {
            running = false;
            drained = p;
            if (inFlight == 0) {
              p.tryComplete();
            }
          });
      return p.future();
    }

    @Override
    public Future<?> stop() {
      return client.close();
    }
  }

  private RawClient(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * Opens {@code connections} connections spread over {@code loopCount} event loops (sizes differ
   * by at most one, as wsmon spreads them).
   */
  static RawClient open(String uri, int connections, int loopCount, String payload) {
    int n = Math.max(1, Math.min(loopCount, connections));
    RawClient raw =
        new RawClient(
            Vertx.vertx(
                new VertxOptions()
                    .setEventLoopPoolSize(Math.max(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE, n))));
    URI u = URI.create(uri);
    List<Future<String>> deployed = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      Loop loop = new Loop(u, connections / n + (k < connections % n ? 1 : 0), payload);
      raw.loops.add(loop);
      deployed.add(raw.vertx.deployVerticle(loop));
    }
    deployed.forEach(f -> f.await());
    return raw;
  }

  void flood(int window) {
    loops.forEach(
        l ->
            l.on(
                    () -> {
                      l.flood(window);
                      return null;
                    })
                .await());
  }

  void pingPong() {
    loops
        .get(0)
        .on(
            () -> {
              loops.get(0).pingPong();
              return null;
            })
        .await();
  }

  long received() {
    long sum = 0;
    for (Loop l : loops) {
      sum += l.on(() -> l.received).await();
    }
    return sum;
  }

  /** Resets the ping-pong histogram (the start of the measured window). */
  void resetRtt() {
    loops
        .get(0)
        .on(
            () -> {
              loops.get(0).rtt.reset();
              return null;
            })
        .await();
  }

  Histogram rtt() {
    return loops.get(0).on(() -> loops.get(0).rtt.copy()).await();
  }

  void stopAndDrain() {
    List<Future<Void>> all = new ArrayList<>();
    loops.forEach(l -> all.add(l.stopAndDrain()));
    Future.all(all).await();
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
