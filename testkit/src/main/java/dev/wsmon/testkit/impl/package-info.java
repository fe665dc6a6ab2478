/** Implementation of the testkit; not an API. */
package dev.wsmon.testkit.impl;
