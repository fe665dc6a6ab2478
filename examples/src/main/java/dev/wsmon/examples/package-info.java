/**
 * Small runnable programs showing wsmon's embedding API; each takes the target URI as its first
 * argument and is run by a test against the testkit echo server.
 *
 * <ul>
 *   <li>{@link dev.wsmon.examples.EchoClientExample}: the original testing framework's echo client.
 *   <li>{@link dev.wsmon.examples.EmbeddedVerticlesExample}: deploying wsmon's verticles in your
 *       own Vert.x application and querying {@code wsmon.stats} over the event bus.
 *   <li>{@link dev.wsmon.examples.ScheduledCallsExample}: calls at a time, every interval and on
 *       connection events.
 *   <li>{@link dev.wsmon.examples.MultiEndpointExample}: two endpoints, one tracker, group stats.
 * </ul>
 */
package dev.wsmon.examples;
