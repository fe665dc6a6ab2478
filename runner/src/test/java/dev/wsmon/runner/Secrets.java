package dev.wsmon.runner;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The marker secrets of the redaction tests and the assertion that none of them leaked. */
public final class Secrets {

  /** Every marker starts with this; no sink may ever contain it. */
  public static final String MARKER = "SECRET-MARKER";

  /** Bearer token of the Authorization header. */
  public static final String AUTHORIZATION = "Bearer SECRET-MARKER-1";

  /** The Cookie header. */
  public static final String COOKIE = "sid=SECRET-MARKER-2";

  /** A user-chosen header whose name marks it as secret. */
  public static final String API_KEY_HEADER = "X-Api-Key";

  /** The value of {@link #API_KEY_HEADER}. */
  public static final String API_KEY = "SECRET-MARKER-5";

  private Secrets() {}

  /**
   * A URI with a password in its user-info and secrets in the query.
   *
   * @param port the server port
   * @return the URI
   */
  public static String uri(int port) {
    return "ws://user:SECRET-MARKER-3@127.0.0.1:"
        + port
        + "/x?token=SECRET-MARKER-4&apikey=SECRET-MARKER-6&signature=SECRET-MARKER-7&room=lobby";
  }

  /**
   * Asserts that {@code text} holds no marker.
   *
   * @param sink what the text came from
   * @param text the text
   */
  public static void assertClean(String sink, String text) {
    assertThat(text).as(sink + " must not contain a secret").doesNotContain(MARKER);
  }

  /**
   * Attaches a list appender to the root logger.
   *
   * @return the started appender; detach with {@link #detach}
   */
  public static ListAppender<ILoggingEvent> captureLogs() {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    root().addAppender(appender);
    return appender;
  }

  /**
   * Detaches {@code appender} and returns every formatted line and stack trace it saw.
   *
   * @param appender the appender from {@link #captureLogs}
   * @return the captured log text
   */
  public static String detach(ListAppender<ILoggingEvent> appender) {
    root().detachAppender(appender);
    StringBuilder out = new StringBuilder();
    for (ILoggingEvent e : List.copyOf(appender.list)) {
      out.append(e.getFormattedMessage()).append('\n');
      if (e.getThrowableProxy() != null) {
        out.append(e.getThrowableProxy().getMessage()).append('\n');
      }
    }
    return out.toString();
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}
