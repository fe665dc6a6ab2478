/**
 * wsmon core: the connection verticle, its options and reconnect policy, and the event-bus protocol
 * (addresses, {@link dev.wsmon.core.ConnectionEvent}, {@link dev.wsmon.core.TrafficBatch} and their
 * codecs).
 */
package dev.wsmon.core;
