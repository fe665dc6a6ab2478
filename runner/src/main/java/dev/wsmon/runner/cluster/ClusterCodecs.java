package dev.wsmon.runner.cluster;

import dev.wsmon.core.internal.JsonRecordCodec;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Registers the codec of {@link AgentReport} (JSON on the wire, identity locally). The cluster's
 * other bodies are {@code JsonObject}s (Vert.x's own codec). Safe to call more than once.
 */
public final class ClusterCodecs {

  /** The codec name of {@link AgentReport}: {@value}. */
  public static final String AGENT_REPORT = "wsmon.AgentReport";

  private ClusterCodecs() {}

  /** A new codec of {@link AgentReport}, named {@value #AGENT_REPORT}. */
  public static MessageCodec<AgentReport, AgentReport> agentReportCodec() {
    return new JsonRecordCodec<>(AGENT_REPORT, AgentReport::toJson, AgentReport::fromJson);
  }

  /**
   * Registers the codecs on {@code vertx}'s event bus unless they are registered already.
   *
   * @param vertx the Vert.x instance
   */
  public static void register(Vertx vertx) {
    synchronized (ClusterCodecs.class) {
      try {
        vertx.eventBus().registerDefaultCodec(AgentReport.class, agentReportCodec());
      } catch (IllegalStateException alreadyRegistered) {
        // registered by an earlier call on the same Vert.x instance
      }
    }
  }
}
