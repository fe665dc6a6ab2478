/**
 * Test support shared by every wsmon module's tests: {@link dev.wsmon.testkit.support.Waits}
 * (waiting on a condition without sleeping) and {@link dev.wsmon.testkit.support.LeakCheck} (heap
 * after GC, threads, file descriptors, Vert.x timers and event-bus consumers, compared between two
 * quiet points).
 */
package dev.wsmon.testkit.support;
