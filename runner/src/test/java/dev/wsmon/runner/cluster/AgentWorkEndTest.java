package dev.wsmon.runner.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.Addresses;
import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.ConnectionState;
import dev.wsmon.core.EventType;
import dev.wsmon.core.WsmonCodecs;
import dev.wsmon.runner.config.ConfigSource;
import dev.wsmon.runner.load.RunEndpoints;
import dev.wsmon.runner.load.RunSettings;
import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.support.ConditionLatch;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link AgentWork}'s end of a run without a cluster manager: the work runs on a Vert.x of its own,
 * as on an agent, and reports over a second (local) Vert.x's event bus to a consumer on {@link
 * ClusterAddresses#run}, standing for the coordinator's (which needs a cluster node).
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("an agent's work at the end of a run, over a local event bus")
class AgentWorkEndTest {

  private static final String AGENT = "a1";
  private static final String RUN = "run-1";

  @Test
  @DisplayName(
      "end: the events so far are acknowledged when it completes; the closes of the end wait for"
          + " drain; finish ends the work")
  void endFlushesThenHolds(Vertx bus) throws Exception {
    EchoServer server = EchoServer.deploy(bus).await();
    Coordinator coordinator = new Coordinator(bus);
    Vertx local = Vertx.vertx();
    try {
      WsmonCodecs.register(local);
      RunSettings settings =
          RunSettings.from(
              new ConfigSource()
                  .put("uri", server.uri("/"), "test")
                  .put("connections", 2, "test")
                  .put("reconnectDelay", "30s", "test")
                  .put("quiet", true, "test"));
      CompletableFuture<String> ended = new CompletableFuture<>();
      AgentWork work =
          new AgentWork(
              AGENT,
              RUN,
              settings,
              RunEndpoints.of(settings),
              0,
              System.currentTimeMillis(),
              Duration.ofSeconds(30),
              bus.eventBus(),
              why -> ended.complete(String.valueOf(why)));
      local.deployVerticle(work).await();
      // registered after the work's own consumer, so a publish reaches the work first (Vert.x
      // delivers a publish in registration order): what this test sees, the work has
      AgentEvents agentEvents = new AgentEvents(local);
      coordinator.await(c -> c.count(EventType.CONNECTED) == 2);

      server.stopListening().await();
      // both connections now wait 30 s to reconnect; end() follows their events at once
      agentEvents.await(e -> e.count(EventType.RECONNECT_SCHEDULED) == 2);
      work.end().await();
      assertThat(coordinator.count(EventType.DISCONNECTED))
          .as("acknowledged by the coordinator when end() completed: %s", coordinator.events())
          .isEqualTo(2);
      assertThat(coordinator.count(EventType.RECONNECT_SCHEDULED))
          .as("coordinator %s; agent %s", coordinator.events(), agentEvents.events())
          .isEqualTo(2);

      // end() ended the attempts: the waiting connections closed, and their closes are held
      agentEvents.await(e -> e.count(EventType.CLOSED) == 2);
      assertThat(agentEvents.of(EventType.CLOSED))
          .allSatisfy(e -> assertThat(e.state()).isEqualTo(ConnectionState.CLOSED));
      quietFor(bus, 3 * AgentWork.REPORT_MS);
      assertThat(coordinator.count(EventType.CLOSED))
          .as("reports held after end(): %s", coordinator.events())
          .isZero();

      work.drain(Duration.ZERO).await();
      coordinator.await(c -> c.count(EventType.CLOSED) == 2);
      work.finish().await();
      assertThat(ended.get(10, TimeUnit.SECONDS)).isEqualTo("null");
      assertThat(coordinator.events())
          .extracting(ConnectionEvent::connectionId)
          .allMatch(id -> id.startsWith(AGENT + ":c-"));
    } finally {
      local.close().await();
    }
  }

  /** Lets {@code ms} pass on a timer (to show that nothing arrives meanwhile). */
  private static void quietFor(Vertx vertx, long ms) {
    Promise<Void> p = Promise.promise();
    vertx.setTimer(ms, t -> p.complete());
    p.future().await();
  }

  /** Events recorded in arrival order; tests wait on conditions over them. */
  private static class Recorded {
    private final List<ConnectionEvent> events = new ArrayList<>();
    private final ConditionLatch<Recorded> latch = new ConditionLatch<>(this);

    void add(List<ConnectionEvent> more) {
      latch.change(() -> events.addAll(more));
    }

    void await(Predicate<Recorded> condition) {
      latch.await(condition, 20, () -> "events: " + events());
    }

    synchronized List<ConnectionEvent> events() {
      return List.copyOf(events);
    }

    synchronized List<ConnectionEvent> of(EventType type) {
      return events.stream().filter(e -> e.type() == type).toList();
    }

    synchronized long count(EventType type) {
      return of(type).size();
    }
  }

  /** The coordinator's side of the reports: records their events, then acknowledges. */
  private static final class Coordinator extends Recorded {
    Coordinator(Vertx vertx) {
      WsmonCodecs.register(vertx);
      ClusterCodecs.register(vertx);
      vertx
          .eventBus()
          .<AgentReport>consumer(
              ClusterAddresses.run(RUN),
              m -> {
                add(m.body().events());
                m.reply(new JsonObject().put("ok", true));
              })
          .completion()
          .await();
    }
  }

  /** The events the agent's connections publish on its own Vert.x. */
  private static final class AgentEvents extends Recorded {
    AgentEvents(Vertx local) {
      local
          .eventBus()
          .<ConnectionEvent>consumer(
              Addresses.of("wsmon.agent." + AGENT).events(), m -> add(List.of(m.body())))
          .completion()
          .await();
    }
  }
}
