package dev.wsmon.wrapper.monitor.impl;

import dev.wsmon.core.Redaction;
import dev.wsmon.wrapper.monitor.NotifyTarget;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the monitor's notifications: a JSON POST to every target when a connection's status (see
 * {@link StatusBoard}) has been {@code DOWN}, {@code DEGRADED} or {@code UP} for {@code
 * notifyAfter} and differs from the last one notified. Every connection starts as notified {@code
 * UP}, so the first connect notifies nobody and a flap shorter than {@code notifyAfter} pages
 * nobody. A failed delivery (error or non-2xx) is retried with a doubling delay, then logged once;
 * logs show a target only as {@link NotifyTarget#display()}. Create, feed and close it on one event
 * loop.
 */
public final class Notifier {

  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

  /** Delivery attempts per notification and target. */
  public static final int DEFAULT_ATTEMPTS = 5;

  /** The delay before the first retry; doubled for each further one. */
  public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(1);

  /** How long one delivery may take. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final Vertx vertx;
  private final List<NotifyTarget> targets;
  private final long notifyAfterMs;
  private final int attempts;
  private final long retryDelayMs;
  private final HttpClient client;
  private final Map<String, StatusBoard.Status> notified = new HashMap<>();
  private final Map<String, Long> pending = new HashMap<>();
  private final Map<Long, Boolean> retryTimers = new HashMap<>();
  private long sent;
  private long failed;
  private boolean closed;

  public Notifier(Vertx vertx, List<NotifyTarget> targets, Duration notifyAfter) {
    this(vertx, targets, notifyAfter, DEFAULT_ATTEMPTS, DEFAULT_RETRY_DELAY);
  }

  public Notifier(
      Vertx vertx,
      List<NotifyTarget> targets,
      Duration notifyAfter,
      int attempts,
      Duration retryDelay) {
    this.vertx = vertx;
    this.targets = List.copyOf(targets);
    this.notifyAfterMs = notifyAfter.toMillis();
    this.attempts = attempts;
    this.retryDelayMs = Math.max(1, retryDelay.toMillis());
    this.client =
        targets.isEmpty()
            ? null
            : vertx.createHttpClient(
                new HttpClientOptions()
                    .setConnectTimeout((int) REQUEST_TIMEOUT.toMillis())
                    .setTrustAll(false));
  }

  /**
   * Takes a connection's new status (from {@link StatusBoard#transitionHandler}). Call on the
   * notifier's event loop.
   */
  public void onTransition(StatusBoard.Entry entry) {
    if (closed || targets.isEmpty()) {
      return;
    }
    String id = entry.connectionId();
    Long timer = pending.remove(id);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
    if (entry.status() == StatusBoard.Status.PENDING
        || entry.status() == notified.getOrDefault(id, StatusBoard.Status.UP)) {
      return;
    }
    if (notifyAfterMs <= 0) {
      fire(entry);
    } else {
      pending.put(
          id,
          vertx.setTimer(
              notifyAfterMs,
              t -> {
                pending.remove(id);
                fire(entry);
              }));
    }
  }

  private void fire(StatusBoard.Entry entry) {
    if (closed) {
      return;
    }
    notified.put(entry.connectionId(), entry.status());
    Buffer body = body(entry).toBuffer();
    for (NotifyTarget target : targets) {
      deliver(target, entry, body, 1);
    }
  }

  /** The notification document. */
  static JsonObject body(StatusBoard.Entry e) {
    return new JsonObject()
        .put("endpoint", e.endpoint())
        .put("group", e.group())
        .put("connection_id", e.connectionId())
        .put("state", e.status().name())
        .put("reason", Redaction.text(e.reason()))
        .put("since", e.since().toString())
        .put("last_close_code", e.lastCloseCode());
  }

  private void deliver(NotifyTarget target, StatusBoard.Entry entry, Buffer body, int attempt) {
    if (closed) {
      return;
    }
    Future<Integer> status;
    try {
      RequestOptions options = request(target, body);
      status =
          client
              .request(options)
              .compose(req -> req.send(body))
              .compose(resp -> resp.body().map(b -> resp.statusCode()));
    } catch (RuntimeException e) {
      giveUp(target, entry, attempt, e.getMessage());
      return;
    }
    status.onComplete(
        ar -> {
          String problem;
          if (ar.failed()) {
            problem = Redaction.text(String.valueOf(ar.cause().getMessage()));
          } else if (ar.result() / 100 != 2) {
            problem = "HTTP " + ar.result();
          } else {
            sent++;
            LOG.info(
                "wsmon monitor: notified {} {} to {}",
                entry.connectionId(),
                entry.status(),
                target.display());
            return;
          }
          if (attempt >= attempts || closed) {
            giveUp(target, entry, attempt, problem);
            return;
          }
          long delay = retryDelayMs << Math.min(20, attempt - 1);
          long[] id = new long[1];
          id[0] =
              vertx.setTimer(
                  delay,
                  t -> {
                    retryTimers.remove(id[0]);
                    deliver(target, entry, body, attempt + 1);
                  });
          retryTimers.put(id[0], Boolean.TRUE);
        });
  }

  private static RequestOptions request(NotifyTarget target, Buffer body) {
    java.net.URI url = target.getUrl();
    RequestOptions request =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(withoutUserInfo(url))
            .setTimeout(REQUEST_TIMEOUT.toMillis())
            .setFollowRedirects(false)
            .putHeader("Content-Type", "application/json")
            .putHeader("Content-Length", String.valueOf(body.length()))
            .putHeader("User-Agent", "wsmon-monitor");
    if (url.getRawUserInfo() != null) {
      String userInfo = URLDecoder.decode(url.getRawUserInfo(), StandardCharsets.UTF_8);
      request.putHeader(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
    }
    target.getHeaders().forEach(request::putHeader);
    return request;
  }

  private static String withoutUserInfo(java.net.URI url) {
    if (url.getRawUserInfo() == null) {
      return url.toString();
    }
    return url.toString().replaceFirst("//[^/@]*@", "//");
  }

  private void giveUp(NotifyTarget target, StatusBoard.Entry entry, int attempt, String problem) {
    failed++;
    LOG.warn(
        "wsmon monitor: notification {} {} to {} failed after {} attempt(s): {}",
        entry.connectionId(),
        entry.status(),
        target.display(),
        attempt,
        problem);
  }

  /** Notifications delivered (per target). */
  public long sent() {
    return sent;
  }

  /** Notifications given up on (per target). */
  public long failed() {
    return failed;
  }

  /** Timers held now: pending notifications and retries (a leak check for the soak test). */
  public int timers() {
    return pending.size() + retryTimers.size();
  }

  /** Cancels pending notifications and retries and closes the HTTP client. */
  public void close() {
    closed = true;
    pending.values().forEach(vertx::cancelTimer);
    pending.clear();
    retryTimers.keySet().forEach(vertx::cancelTimer);
    retryTimers.clear();
    if (client != null) {
      client.close();
    }
  }
}
