/**
 * Internal API of wsmon core, for wsmon's own modules (the runner, the wrapper): public so that
 * they need not reach into {@code dev.wsmon.core.impl}, but not for users; it may change in any
 * release (as {@code io.vertx.core.internal} in Vert.x).
 */
package dev.wsmon.core.internal;
