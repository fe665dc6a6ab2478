package dev.wsmon.runner.load;

import dev.wsmon.core.Connection;
import dev.wsmon.core.ConnectionVerticle;
import dev.wsmon.runner.config.ScenarioConfig;
import dev.wsmon.wrapper.internal.TappedConnection;
import dev.wsmon.wrapper.internal.scenario.ScenarioEngine;
import dev.wsmon.wrapper.internal.scenario.ScenarioMeters;
import dev.wsmon.wrapper.internal.scenario.ScenarioProgress;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The scenario and message checks of a {@code wsmon run}: one {@link ScenarioEngine} whose sessions
 * run on each connection verticle's event loop; its results go under {@code scenario} in the total,
 * each group and each connection of the final snapshot, and into the live line. With neither
 * configured it does nothing.
 */
public final class RunScenario {

  private final ScenarioEngine engine;
  private ScenarioMeters meters; // Micrometer keeps function meters' state weakly

  /**
   * @param numberOffset added to connection numbers for {@code {conn}} (cluster agents)
   */
  public RunScenario(Vertx vertx, String eventsAddress, ScenarioConfig config, int numberOffset) {
    this.engine =
        config.active()
            ? new ScenarioEngine(
                vertx,
                config.scenario(),
                config.checks(),
                config.feeder(),
                eventsAddress,
                numberOffset)
            : null;
  }

  /**
   * Starts the scenario on the connections of {@code verticles}; {@code allClosed} runs once every
   * one of the {@code total} connections was closed by a {@code close} step.
   */
  public Future<Void> attach(
      List<ConnectionVerticle> verticles,
      Function<Connection, TappedConnection> tap,
      int total,
      Runnable allClosed) {
    if (engine == null) {
      return Future.succeededFuture();
    }
    engine.onAllClosed(total, allClosed);
    List<Future<Void>> attached = new ArrayList<>();
    for (ConnectionVerticle verticle : verticles) {
      List<TappedConnection> taps = new ArrayList<>();
      verticle.connections().forEach(c -> taps.add(tap.apply(c)));
      attached.add(engine.attach(verticle.context(), taps));
    }
    return Future.all(attached).mapEmpty();
  }

  /** Binds the scenario meters ({@code wsmon.scenario.*}) to {@code registry}, if any. */
  public void bindTo(io.micrometer.core.instrument.MeterRegistry registry) {
    if (engine != null && registry != null) {
      meters = new ScenarioMeters(engine);
      meters.bindTo(registry);
    }
  }

  /** Whether a scenario or a message check is configured. */
  public boolean active() {
    return engine != null;
  }

  /** The results of the connections attached here, in wire form (empty without a scenario). */
  public JsonObject toWire() {
    return engine == null ? new JsonObject() : engine.toWire();
  }

  /**
   * Adds the results of connections that ran on cluster agents (their {@link #toWire()}).
   *
   * @throws IllegalArgumentException when malformed
   */
  public void addRemote(JsonObject wire) {
    if (engine != null) {
      engine.addRemote(wire);
    }
  }

  /** Clears the results (a stats reset). */
  public void reset() {
    if (meters != null) {
      meters.reset(engine::reset);
    } else if (engine != null) {
      engine.reset();
    }
  }

  /** No new step starts. */
  public void stop() {
    if (engine != null) {
      engine.stop();
    }
  }

  /** Completes when every started step has an outcome, or after {@code grace}. */
  public Future<Void> awaitIdle(Duration grace) {
    return engine == null ? Future.succeededFuture() : engine.awaitIdle(grace);
  }

  /** {@code snapshot} with the scenario results added (unchanged without a scenario). */
  public JsonObject addTo(JsonObject snapshot) {
    return engine == null ? snapshot : engine.addTo(snapshot);
  }

  /** The totals document with {@code total.scenario} added, for the live line. */
  public JsonObject addTotal(JsonObject totals) {
    JsonObject total = totals.getJsonObject("total");
    if (engine != null && total != null) {
      total.put("scenario", engine.total());
    }
    return totals;
  }

  /** The merged results of the connections attached here, or null without a scenario. */
  public JsonObject total() {
    return engine == null ? null : engine.total();
  }

  /**
   * The totals document with {@code total.scenario} set to {@code scenario} (figures from cluster
   * agents), unchanged when {@code scenario} is null.
   */
  public static JsonObject addTotal(JsonObject totals, JsonObject scenario) {
    JsonObject total = totals.getJsonObject("total");
    if (scenario != null && total != null) {
      total.put("scenario", scenario);
    }
    return totals;
  }

  /** The scenario's one-line text, or null without a scenario. */
  public String line() {
    return engine == null ? null : ScenarioProgress.line(engine.total());
  }
}
