package dev.wsmon.wrapper.monitor.impl;

/** The page {@code GET /} serves until a dashboard renderer is set. */
final class PlaceholderPage {

  static final String HTML =
      """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8"><title>wsmon monitor</title></head>
      <body><h1>wsmon monitor</h1>
      <ul>
      <li><a href="stats">/stats</a> snapshot (JSON; ?connection_id= or ?group=)</li>
      <li><a href="stats.csv">/stats.csv</a> snapshot (CSV)</li>
      <li><a href="series.csv">/series.csv</a> time series (CSV)</li>
      <li><a href="metrics">/metrics</a> Prometheus</li>
      <li><a href="history">/history</a> events (?limit=)</li>
      <li><a href="health">/health</a> health</li>
      <li><a href="events">/events</a> live updates (server-sent events)</li>
      </ul></body></html>
      """;

  private PlaceholderPage() {}
}
