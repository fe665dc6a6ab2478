/**
 * The wsmon testkit: {@link dev.wsmon.testkit.EchoServer}, a WebSocket echo server with fault
 * injection ({@link dev.wsmon.testkit.FaultSpec}) and exact counters ({@link
 * dev.wsmon.testkit.EchoServerStats}), used by every wsmon module's tests and by {@code wsmon
 * serve} and {@code wsmon demo}.
 */
package dev.wsmon.testkit;
