/**
 * Internal API of the wsmon tracker, for wsmon's own modules (the benchmarks): public so that they
 * need not reach into {@code dev.wsmon.tracker.impl}, but not for users; it may change in any
 * release (as {@code io.vertx.core.internal} in Vert.x).
 */
package dev.wsmon.tracker.internal;
