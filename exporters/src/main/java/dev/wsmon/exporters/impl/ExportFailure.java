package dev.wsmon.exporters.impl;

/** A failed export request: the failure code and message sent back with {@code Message.fail}. */
public final class ExportFailure extends RuntimeException {

  /** Bad request: bad body, unknown format, bad or unwritable path. */
  public static final int BAD_REQUEST = 400;

  /** The format needs something that was not configured (registry, HTML renderer). */
  public static final int NOT_AVAILABLE = 501;

  /** The tracker did not answer or answered with something unexpected. */
  public static final int TRACKER_UNAVAILABLE = 503;

  private final int code;

  public ExportFailure(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public int code() {
    return code;
  }
}
