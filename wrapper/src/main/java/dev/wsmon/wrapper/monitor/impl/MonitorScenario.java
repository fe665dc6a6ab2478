package dev.wsmon.wrapper.monitor.impl;

import dev.wsmon.core.Connection;
import dev.wsmon.core.ConnectionVerticle;
import dev.wsmon.wrapper.PayloadTemplate;
import dev.wsmon.wrapper.internal.TappedConnection;
import dev.wsmon.wrapper.internal.scenario.CompiledScenario;
import dev.wsmon.wrapper.internal.scenario.ScenarioEngine;
import dev.wsmon.wrapper.internal.scenario.ScenarioMeters;
import dev.wsmon.wrapper.monitor.MonitorOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scenario and message checks of a monitor: one {@link ScenarioEngine} on the monitored
 * connections (tapped, so that probes and the scenario both see every message), its meters, and its
 * results added to the snapshot documents the HTTP server serves.
 */
public final class MonitorScenario implements SnapshotDecorator {

  private final Vertx vertx;
  private final ScenarioEngine engine;
  private final SnapshotDecorator next;
  private final Map<String, TappedConnection> taps = new ConcurrentHashMap<>();
  private ScenarioMeters meters; // Micrometer keeps function meters' state weakly

  private MonitorScenario(Vertx vertx, ScenarioEngine engine, SnapshotDecorator next) {
    this.vertx = vertx;
    this.engine = engine;
    this.next = next;
  }

  /**
   * The monitor's scenario, or {@code null} when it has neither a scenario nor message checks.
   *
   * @param next the decorator applied before this one's results are added
   * @throws IllegalArgumentException naming an unknown template name
   */
  public static MonitorScenario of(
      Vertx vertx, MonitorOptions options, String eventsAddress, SnapshotDecorator next) {
    if (options.getScenario() == null && options.getMessageChecks().isEmpty()) {
      return null;
    }
    CompiledScenario compiled =
        options.getScenario() == null
            ? null
            : CompiledScenario.compile(
                options.getScenario(),
                PayloadTemplate.Names.of(options.getFeeder(), System::getenv));
    return new MonitorScenario(
        vertx,
        new ScenarioEngine(
            vertx, compiled, options.getMessageChecks(), options.getFeeder(), eventsAddress, 0),
        next);
  }

  /** The one tap of {@code connection}: probes and the scenario share it. */
  public Connection tap(Connection connection) {
    return taps.computeIfAbsent(connection.id(), id -> new TappedConnection(vertx, connection));
  }

  /** Starts the scenario on every connection of {@code verticle}. */
  public Future<Void> attach(ConnectionVerticle verticle) {
    List<TappedConnection> tapped = new ArrayList<>();
    verticle.connections().forEach(c -> tapped.add((TappedConnection) tap(c)));
    return engine.attach(verticle.context(), tapped);
  }

  /** Binds the {@code wsmon.scenario.*} meters to {@code registry}. */
  public void bindTo(MeterRegistry registry) {
    meters = new ScenarioMeters(engine);
    meters.bindTo(registry);
  }

  /** Clears the results (a stats reset). */
  public void reset() {
    if (meters != null) {
      meters.reset(engine::reset);
    } else {
      engine.reset();
    }
  }

  /** No new step starts. */
  public void stop() {
    engine.stop();
  }

  @Override
  public JsonObject decorate(JsonObject snapshot) {
    return engine.addTo(next.decorate(snapshot));
  }

  @Override
  public JsonObject decorateGroup(String group, JsonObject json) {
    JsonObject decorated = next.decorateGroup(group, json);
    if (decorated != null) {
      engine.addTo(new JsonObject().put("groups", new JsonObject().put(group, decorated)));
    }
    return decorated;
  }

  @Override
  public JsonObject decorateConnection(String connectionId, JsonObject json) {
    JsonObject decorated = next.decorateConnection(connectionId, json);
    if (decorated != null) {
      engine.addTo(new JsonObject().put("connections", new JsonArray().add(decorated)));
    }
    return decorated;
  }
}
