package dev.wsmon.runner.cluster;

import dev.wsmon.core.ConnectionEvent;
import dev.wsmon.core.TrafficBatch;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an agent forwards to its coordinator in one message: the connection events and traffic
 * batches of its connections since the previous report, in the order they happened. Reports are
 * sent a few times per second (and at the end), never per message; an empty report is a keep-alive.
 *
 * @param agent the agent's name
 * @param runId the run the report belongs to
 * @param seq 1 for the first report of a run, then +1
 * @param events the connection events, oldest first, immutable
 * @param batches the traffic batches, oldest first, immutable
 * @param scenario the scenario results of the agent's connections ({@code ScenarioEngine#toWire}),
 *     in the last report of a run with a scenario; else {@code null}
 * @param live the agent's scenario figures for the live line ({@link ScenarioFigures}), at most
 *     once a second while they change; else {@code null}
 * @param allClosed whether every connection of the agent was closed by a scenario {@code close}
 *     step; once true, true in every later report of the run
 */
public record AgentReport(
    String agent,
    String runId,
    long seq,
    List<ConnectionEvent> events,
    List<TrafficBatch> batches,
    JsonObject scenario,
    JsonObject live,
    boolean allClosed) {

  /** Validates and copies. */
  public AgentReport {
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(runId, "runId");
    events = List.copyOf(events);
    batches = List.copyOf(batches);
  }

  /** A report without scenario results. */
  public AgentReport(
      String agent,
      String runId,
      long seq,
      List<ConnectionEvent> events,
      List<TrafficBatch> batches) {
    this(agent, runId, seq, events, batches, null, null, false);
  }

  /**
   * The wire form: {@code agent, run_id, seq, events} (wire events) {@code , batches} and, when
   * present, {@code scenario}, {@code live} and {@code all_closed}.
   */
  public JsonObject toJson() {
    JsonArray e = new JsonArray();
    events.forEach(x -> e.add(x.toWireJson()));
    JsonArray b = new JsonArray();
    batches.forEach(x -> b.add(x.toJson()));
    JsonObject json =
        new JsonObject()
            .put("agent", agent)
            .put("run_id", runId)
            .put("seq", seq)
            .put("events", e)
            .put("batches", b);
    if (scenario != null) {
      json.put("scenario", scenario);
    }
    if (live != null) {
      json.put("live", live);
    }
    if (allClosed) {
      json.put("all_closed", true);
    }
    return json;
  }

  /**
   * Reads the wire form written by {@link #toJson()}.
   *
   * @param json the wire form
   * @return the report
   * @throws IllegalArgumentException when a field is missing or malformed
   */
  public static AgentReport fromJson(JsonObject json) {
    try {
      List<ConnectionEvent> events = new ArrayList<>();
      for (Object o : json.getJsonArray("events")) {
        events.add(ConnectionEvent.fromWireJson((JsonObject) o));
      }
      List<TrafficBatch> batches = new ArrayList<>();
      for (Object o : json.getJsonArray("batches")) {
        batches.add(TrafficBatch.fromJson((JsonObject) o));
      }
      return new AgentReport(
          json.getString("agent"),
          json.getString("run_id"),
          json.getLong("seq"),
          events,
          batches,
          json.getJsonObject("scenario"),
          json.getJsonObject("live"),
          json.getBoolean("all_closed", false));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("malformed agent report", e);
    }
  }
}
