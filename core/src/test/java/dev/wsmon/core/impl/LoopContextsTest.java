package dev.wsmon.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
@DisplayName("the warm-up reaches every event loop")
class LoopContextsTest {

  @Test
  @DisplayName("one context per event loop, each on its own thread")
  void everyLoop() {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(3));
    try {
      List<Context> contexts = LoopContexts.of(vertx);
      List<Future<String>> threads = new ArrayList<>();
      for (Context context : contexts) {
        Promise<String> thread = Promise.promise();
        context.runOnContext(v -> thread.complete(Thread.currentThread().getName()));
        threads.add(thread.future());
      }
      assertThat(Future.all(threads).await().<String>list())
          .hasSize(3)
          .doesNotHaveDuplicates()
          .allMatch(name -> name.startsWith("vert.x-eventloop-thread-"));
      assertThat(WarmUpHandshakes.eventLoops(vertx)).isEqualTo(3);
    } finally {
      vertx.close().await();
    }
  }
}
