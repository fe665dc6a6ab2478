package dev.wsmon.runner.cli;

import picocli.CommandLine.Option;

/**
 * The flags of {@code wsmon run --dashboard} (config keys {@code dashboard}, {@code dashboardPort},
 * {@code dashboardHost}, {@code token}); read through {@link RunCommand#configSource()} like every
 * other flag.
 */
final class DashboardFlags {

  @Option(
      names = "--dashboard",
      description =
          "Serve the live dashboard (the HTML report's charts and tables, updated every second)"
              + " during the run; the URL is printed to stderr.")
  boolean dashboard;

  @Option(
      names = "--dashboard-port",
      paramLabel = "P",
      description = "Dashboard port; 0 picks a free one (default: 0).")
  Integer dashboardPort;

  @Option(
      names = "--dashboard-host",
      paramLabel = "H",
      description = "Dashboard address to bind (default: 127.0.0.1).")
  String dashboardHost;

  @Option(
      names = "--token",
      paramLabel = "T",
      description = "Dashboard token: 'Authorization: Bearer T', a wsmon_token cookie or ?token=T.")
  String token;
}
