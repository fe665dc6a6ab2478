package dev.wsmon.core.impl;

import io.vertx.core.Future;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * A connection's connect attempts, one at a time: each has a number (the retry it is), a generation
 * that tells a current result from a superseded one, its start time and a deadline {@code
 * connectTimeout} later that bounds the whole attempt (DNS, pool wait, TCP, TLS, upgrade and a
 * protocol handshake). The deadline is checked by the verticle's shared tick, not a timer per
 * connection. Event loop only.
 */
final class ConnectAttempts {

  private final WebSocketClient client;
  private final WebSocketConnectOptions connectTemplate;
  private final String hostName;
  private final int connectTimeoutMs;
  private int attemptNo;
  // compared for equality only: wrapping after 2^32 attempts is harmless
  private int attemptGen;
  private long attemptStart;
  private boolean attemptPending;
  private long attemptDeadline;

  ConnectAttempts(
      WebSocketClient client,
      WebSocketConnectOptions connectTemplate,
      String hostName,
      int connectTimeoutMs) {
    this.client = client;
    this.connectTemplate = connectTemplate;
    this.hostName = hostName;
    this.connectTimeoutMs = connectTimeoutMs;
  }

  /**
   * Numbers a new attempt; {@link #connect()} follows and stamps its start.
   *
   * @param number the retry it is, 0 for the first
   * @return its generation
   */
  long begin(int number) {
    long gen = ++attemptGen;
    attemptNo = number;
    return gen;
  }

  /**
   * Starts the connect of the attempt begun last and stamps its start, so that its latency is the
   * connect's alone and not wsmon's own work before it (the {@code ATTEMPT} event); its deadline
   * runs from there.
   */
  Future<WebSocket> connect() {
    attemptPending = true;
    attemptStart = System.nanoTime();
    attemptDeadline = attemptStart + connectTimeoutMs * 1_000_000L;
    try {
      return client.connect(new WebSocketConnectOptions(connectTemplate));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** The host the attempts connect to, as the user named it (for failure reasons). */
  String hostName() {
    return hostName;
  }

  /** The number of the last attempt (the retry it was). */
  int number() {
    return attemptNo;
  }

  /** The generation of the last attempt. */
  long current() {
    return attemptGen;
  }

  boolean isCurrent(long gen) {
    return gen == attemptGen;
  }

  /** When the last attempt started ({@code System.nanoTime()}). */
  long startedAt() {
    return attemptStart;
  }

  /** Whether an attempt (or the protocol handshake after its upgrade) is under way. */
  boolean isPending() {
    return attemptPending;
  }

  /** Whether the pending attempt is past its deadline at {@code now}. */
  boolean isDue(long now) {
    return attemptPending && now - attemptDeadline >= 0;
  }

  /** Whether {@code now} is past the last attempt's deadline, pending or not. */
  boolean pastDeadline(long now) {
    return now - attemptDeadline >= 0;
  }

  /** The upgrade succeeded; the protocol handshake still runs under the same deadline. */
  void awaitHandshake() {
    attemptPending = true;
  }

  /** The attempt ended (opened, failed, or its handshake ended): no deadline any more. */
  void settle() {
    attemptPending = false;
  }

  /** Supersedes the last attempt: a result that still arrives for it is closed unused. */
  void abandon() {
    attemptGen++;
    attemptPending = false;
  }
}
