package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("cluster flags")
class ClusterFlagsTest {

  @Test
  @DisplayName("cluster settings without --cluster are a usage error")
  void needsCluster() {
    Cli run = Cli.run("run", "ws://127.0.0.1:1/", "--agents", "2");
    assertThat(run.code).as(run.toString()).isEqualTo(2);
    assertThat(run.err).contains("--agents needs --cluster");
  }

  @Test
  @DisplayName("a bad --on-agent-loss names the choices")
  void badOnAgentLoss() {
    Cli run = Cli.run("run", "ws://127.0.0.1:1/", "--cluster", "--on-agent-loss", "retry");
    assertThat(run.code).as(run.toString()).isEqualTo(2);
    assertThat(run.err).contains("--on-agent-loss").contains("use continue or fail");
  }

  @Test
  @DisplayName("the environment sets cluster keys too")
  void environment() {
    Cli run =
        Cli.run(java.util.Map.of("WSMON_AGENTS", "0"), "run", "ws://127.0.0.1:1/", "--cluster");
    assertThat(run.code).as(run.toString()).isEqualTo(2);
    assertThat(run.err).contains("WSMON_AGENTS");
  }

  @Test
  @DisplayName("wsmon agent needs --cluster and a valid name")
  void agentFlags() {
    Cli noCluster = Cli.run("agent");
    assertThat(noCluster.code).isEqualTo(2);
    assertThat(noCluster.err).contains("add --cluster");
    Cli badName = Cli.run("agent", "--cluster", "--name", "a:b");
    assertThat(badName.code).isEqualTo(2);
    assertThat(badName.err).contains("invalid --name");
    Cli help = Cli.run("agent", "--help");
    assertThat(help.code).isZero();
    assertThat(help.out).contains("--cluster-members");
  }
}
