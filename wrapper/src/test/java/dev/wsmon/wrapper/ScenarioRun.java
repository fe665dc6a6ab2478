package dev.wsmon.wrapper;

import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import dev.wsmon.testkit.FaultSpec;
import dev.wsmon.testkit.support.Waits;
import dev.wsmon.tracker.StatsSnapshot;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A started {@link TestingWrapper} running a scenario on every connection to an {@link EchoServer},
 * for a test to watch; closing it stops the wrapper and the server.
 */
final class ScenarioRun implements AutoCloseable {

  final EchoServer server;
  final TestingWrapper wrapper;

  private ScenarioRun(EchoServer server, TestingWrapper wrapper) {
    this.server = server;
    this.wrapper = wrapper;
  }

  /**
   * Deploys an echo server with {@code faults} and starts {@code connections} connections to it
   * running {@code scenario} (JSON), stats logging off; {@code more} adds to the builder.
   */
  static ScenarioRun start(
      Vertx vertx,
      FaultSpec faults,
      int connections,
      String scenario,
      UnaryOperator<TestingWrapper.Builder> more) {
    EchoServer server = EchoServer.deploy(vertx, new EchoServerOptions().setFaults(faults)).await();
    TestingWrapper wrapper =
        more.apply(
                TestingWrapper.builder()
                    .uri(server.uri("/"))
                    .connections(connections)
                    .logStats(false)
                    .scenario(new Scenario(new JsonObject(scenario))))
            .build();
    ScenarioRun run = new ScenarioRun(server, wrapper);
    try {
      wrapper.start().await();
    } catch (RuntimeException e) {
      run.close();
      throw e;
    }
    return run;
  }

  /** Polls the stats until the total's {@code scenario} block satisfies {@code done}. */
  StatsSnapshot awaitScenario(Vertx vertx, Predicate<JsonObject> done, Duration wait) {
    return awaitScenario(vertx, wrapper, done, wait);
  }

  /**
   * Polls {@code wrapper}'s stats from {@code vertx} until the total has a {@code scenario} block
   * that satisfies {@code done}, at most {@code wait}; the snapshot then.
   */
  static StatsSnapshot awaitScenario(
      Vertx vertx, TestingWrapper wrapper, Predicate<JsonObject> done, Duration wait) {
    return Waits.until(
            vertx,
            wrapper::stats,
            s -> {
              JsonObject scenario = s.total().getJsonObject("scenario");
              return scenario != null && done.test(scenario);
            },
            wait)
        .await();
  }

  @Override
  public void close() {
    try {
      wrapper.stopAndShutdown().await();
    } finally {
      server.close().await();
    }
  }
}
