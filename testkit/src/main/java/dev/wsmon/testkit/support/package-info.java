/**
 * Test support shared by every wsmon module's tests: {@link dev.wsmon.testkit.support.Waits}
 * (waiting on a condition without sleeping).
 */
package dev.wsmon.testkit.support;
