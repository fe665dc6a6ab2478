package dev.wsmon.wrapper.monitor.impl;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Requires the bearer token on every request ({@code Authorization: Bearer <token>}); routes opened
 * to browsers also take it as the {@value #COOKIE} cookie or the {@value #QUERY} query parameter.
 * Failures get 401 with {@code WWW-Authenticate: Bearer}. Comparisons are constant-time.
 */
public final class TokenCheck implements Handler<RoutingContext> {

  /** The cookie that carries the token for the dashboard and its event stream. */
  public static final String COOKIE = "wsmon_token";

  /** The query parameter that carries the token for the dashboard and its event stream. */
  public static final String QUERY = "token";

  private final byte[] token;
  private final boolean browserRoute;

  private TokenCheck(String token, boolean browserRoute) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.browserRoute = browserRoute;
  }

  /** A check accepting only the {@code Authorization} header. */
  public static TokenCheck headerOnly(String token) {
    return new TokenCheck(token, false);
  }

  /** A check also accepting the cookie or the query parameter (dashboard, event stream). */
  public static TokenCheck browser(String token) {
    return new TokenCheck(token, true);
  }

  private static final String AUTHENTICATED = "wsmon.authenticated";

  @Override
  public void handle(RoutingContext ctx) {
    if (Boolean.TRUE.equals(ctx.get(AUTHENTICATED))) {
      ctx.next();
      return;
    }
    String header = ctx.request().getHeader("Authorization");
    if (header != null
        && header.regionMatches(true, 0, "Bearer ", 0, 7)
        && matches(header.substring(7).trim())) {
      pass(ctx);
      return;
    }
    if (browserRoute) {
      Cookie cookie = ctx.request().getCookie(COOKIE);
      if (cookie != null && matches(cookie.getValue())) {
        pass(ctx);
        return;
      }
      String query = ctx.request().getParam(QUERY);
      if (query != null && matches(query)) {
        // lets the page's EventSource authenticate without repeating the token in its URL
        ctx.response()
            .addCookie(
                Cookie.cookie(COOKIE, query)
                    .setPath("/")
                    .setHttpOnly(true)
                    .setSameSite(CookieSameSite.STRICT));
        pass(ctx);
        return;
      }
    }
    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"wsmon\"");
    HttpReplies.error(
        ctx,
        401,
        header == null
            ? "authentication required: send Authorization: Bearer <token>"
            : "invalid bearer token");
  }

  private static void pass(RoutingContext ctx) {
    ctx.put(AUTHENTICATED, true);
    ctx.next();
  }

  private boolean matches(String candidate) {
    return MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
  }
}
