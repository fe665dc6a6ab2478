/**
 * The monitor service: {@link dev.wsmon.wrapper.monitor.MonitorVerticle} holds WebSocket
 * connections, tracks their stats and serves them over HTTP ({@code /stats}, {@code /metrics},
 * {@code /health}, {@code /events}, ...), all from one {@link
 * dev.wsmon.wrapper.monitor.MonitorOptions} JSON config. See {@code docs/monitor.md}.
 */
package dev.wsmon.wrapper.monitor;
