package dev.wsmon.runner.cli;

import dev.wsmon.runner.cluster.ClusterBackend;
import dev.wsmon.runner.cluster.ClusterOptions;
import dev.wsmon.runner.config.ConfigException;
import dev.wsmon.runner.load.LocalAddressCheck;
import dev.wsmon.runner.load.RunSettings;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Builds the cluster load of {@code wsmon run --cluster} from its settings. */
final class ClusterRuns {

  /** Settings that stay on the coordinator: outputs and the cluster keys. */
  private static final List<String> COORDINATOR_ONLY =
      List.of(
          "exportJson",
          "exportCsv",
          "exportHtml",
          "eventsJsonl",
          "junit",
          "thresholds",
          "metricsPush",
          "statsInterval",
          "logStats");

  private static final Pattern MEMBER =
      Pattern.compile("([A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+])(:[0-9]{1,5})?");

  private ClusterRuns() {}

  static ClusterBackend backend(RunSettings s, PrintStream err) {
    return new ClusterBackend(
        options(s.clusterHost, s.clusterPort, s.clusterName, s.clusterMembers),
        s.agents,
        s.agentWait,
        ClusterBackend.OnAgentLoss.valueOf(s.onAgentLoss.toUpperCase(Locale.ROOT)),
        agentSettings(s),
        err,
        s.quiet);
  }

  static ClusterOptions options(String host, int port, String name, List<String> members) {
    List<String> list = new ArrayList<>();
    for (String m : members) {
      for (String part : m.split(",", -1)) {
        if (!MEMBER.matcher(part.trim()).matches()) {
          throw new ConfigException(
              "clusterMembers (--cluster-members): '"
                  + m
                  + "' is not a list of host or host:port (e.g. 10.0.0.4,10.0.0.5:5701)");
        }
        list.add(part.trim());
      }
    }
    LocalAddressCheck.check(host, "clusterHost (--cluster-host)");
    try {
      ClusterOptions o = new ClusterOptions().setHost(host).setPort(port).setClusterName(name);
      if (!list.isEmpty()) {
        o.setMembers(list);
      }
      return o;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  /** What agents get: the settings without the outputs and cluster keys; text files inlined. */
  static JsonObject agentSettings(RunSettings s) {
    JsonObject v = s.values();
    RunSettings.CLUSTER_KEYS.forEach(v::remove);
    COORDINATOR_ONLY.forEach(v::remove);
    Object send = v.getValue("send");
    if (send instanceof String text && text.startsWith("@") && !s.binary) {
      try {
        v.put("send", Files.readString(Path.of(text.substring(1))));
      } catch (IOException e) {
        throw new ConfigException("cannot read --send " + text + ": " + e.getMessage());
      }
    }
    if (s.scenario.scenario() != null) {
      // the scenario with its @FILE payloads read here: agents need not see the files
      v.put("scenario", s.scenario.scenario().scenario().toJson());
    }
    if (v.getValue("feeder") instanceof String feeder) {
      try {
        v.put(
            "feeder",
            new JsonObject().put("csv", Files.readString(Path.of(feeder))).put("source", feeder));
      } catch (IOException e) {
        throw new ConfigException("cannot read --feeder " + feeder + ": " + e.getMessage());
      }
    }
    return v;
  }
}
