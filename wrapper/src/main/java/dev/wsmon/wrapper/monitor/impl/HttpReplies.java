package dev.wsmon.wrapper.monitor.impl;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes the monitor's HTTP responses: JSON bodies, JSON errors, text. */
public final class HttpReplies {

  /** The content type of JSON bodies. */
  public static final String JSON = "application/json; charset=utf-8";

  private HttpReplies() {}

  /** Ends {@code ctx} with {@code status} and {@code body} as JSON. */
  public static void json(RoutingContext ctx, int status, String body) {
    text(ctx, status, JSON, body);
  }

  /** Ends {@code ctx} with {@code status} and {@code body} of {@code contentType}. */
  public static void text(RoutingContext ctx, int status, String contentType, String body) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", contentType).end(body);
  }

  /** Ends {@code ctx} with {@code status} and {@code {"status": status, "error": message}}. */
  public static void error(RoutingContext ctx, int status, String message) {
    json(
        ctx,
        status,
        new JsonObject()
            .put("status", status)
            .put("error", message == null ? "" : message)
            .encode());
  }

  /**
   * Ends {@code ctx} with the HTTP status matching an event-bus failure: the tracker's or
   * exporter's failure code (400, 501, 503, ...) with its message, 503 when nobody answered.
   */
  public static void failure(RoutingContext ctx, Throwable error) {
    if (error instanceof ReplyException reply) {
      if (reply.failureType() == ReplyFailure.RECIPIENT_FAILURE
          && reply.failureCode() >= 400
          && reply.failureCode() <= 599) {
        error(ctx, reply.failureCode(), reply.getMessage());
      } else if (reply.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
        error(ctx, 500, reply.getMessage());
      } else {
        error(ctx, 503, "the stats service did not answer: " + reply.failureType());
      }
    } else if (error instanceof IllegalArgumentException) {
      error(ctx, 400, error.getMessage());
    } else {
      error(ctx, 500, "internal error: " + error.getClass().getSimpleName());
    }
  }
}
