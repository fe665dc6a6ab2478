package dev.wsmon.core;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/**
 * How a reply is matched to a request sent with {@link Connection#request(String,
 * java.time.Duration)}.
 *
 * <ul>
 *   <li>{@link #fifo()}: every received text message answers the oldest unanswered request (for
 *       echo servers and strict request/response protocols).
 *   <li>{@link #jsonField(String)}: a reply answers the request whose JSON field (a dotted path
 *       such as {@code id} or {@code meta.id}) has the same value; a message without that field, or
 *       with a value no request is waiting for (a banner, a push), answers nothing.
 *   <li>{@link #binary(BinaryId)}: a binary reply answers the binary request (see {@link
 *       Connection#requestBinary(io.vertx.core.buffer.Buffer, java.time.Duration)}) with the same
 *       id bytes at the same offset; a message too short to hold them answers nothing.
 *   <li>{@link #custom(BiPredicate)}: the oldest request for which {@code matches(request, reply)}
 *       holds.
 *   <li>{@link #none()}: no correlation; {@code request} fails.
 * </ul>
 *
 * In config and on the command line it is written {@code fifo}, {@code json:FIELD}, {@code
 * binary:OFFSET:LEN} or {@code none}.
 */
public final class Correlation {

  /** The kinds of correlation. */
  public enum Kind {
    /** The oldest unanswered request. */
    FIFO,
    /** The same value of a JSON field. */
    JSON_FIELD,
    /** The same id bytes in a binary message. */
    BINARY,
    /** A user predicate. */
    CUSTOM,
    /** No correlation. */
    NONE
  }

  private static final Pattern FIELD = Pattern.compile("[^.\\s]+(\\.[^.\\s]+)*");
  private static final Correlation FIFO = new Correlation(Kind.FIFO, null, null);
  private static final Correlation NONE = new Correlation(Kind.NONE, null, null);

  private final Kind kind;
  private final String field;
  private final BiPredicate<String, String> predicate;
  private final BinaryId binaryId;

  private Correlation(Kind kind, String field, BiPredicate<String, String> predicate) {
    this(kind, field, predicate, null);
  }

  private Correlation(
      Kind kind, String field, BiPredicate<String, String> predicate, BinaryId binaryId) {
    this.kind = kind;
    this.field = field;
    this.predicate = predicate;
    this.binaryId = binaryId;
  }

  /** Every reply answers the oldest unanswered request. */
  public static Correlation fifo() {
    return FIFO;
  }

  /** No correlation. */
  public static Correlation none() {
    return NONE;
  }

  /**
   * Replies answer the request with the same value of the JSON field {@code field}.
   *
   * @param field a field name or a dotted path, e.g. {@code id} or {@code meta.id}
   * @return the correlation
   * @throws IllegalArgumentException when the field is empty or malformed
   */
  public static Correlation jsonField(String field) {
    if (field == null || !FIELD.matcher(field).matches()) {
      throw new IllegalArgumentException(
          "correlation field must be a JSON field name or dotted path, got '" + field + "'");
    }
    return new Correlation(Kind.JSON_FIELD, field, null);
  }

  /**
   * Binary replies answer the binary request with the same id bytes.
   *
   * @param id where the id sits in requests and replies
   * @return the correlation
   */
  public static Correlation binary(BinaryId id) {
    return new Correlation(Kind.BINARY, null, null, Objects.requireNonNull(id, "id"));
  }

  /**
   * Replies answer the oldest request for which {@code matches.test(request, reply)} holds.
   *
   * @param matches the predicate, called on the connection's event loop
   * @return the correlation
   */
  public static Correlation custom(BiPredicate<String, String> matches) {
    return new Correlation(Kind.CUSTOM, null, Objects.requireNonNull(matches, "matches"));
  }

  /**
   * Parses the config form: {@code fifo}, {@code json:FIELD}, {@code binary:OFFSET:LEN} or {@code
   * none}.
   *
   * @param text the text
   * @return the correlation
   * @throws IllegalArgumentException naming the text when it is none of these
   */
  public static Correlation parse(String text) {
    if (text != null) {
      String t = text.trim();
      if (t.equalsIgnoreCase("fifo")) {
        return FIFO;
      }
      if (t.equalsIgnoreCase("none")) {
        return NONE;
      }
      if (t.regionMatches(true, 0, "json:", 0, 5)) {
        return jsonField(t.substring(5));
      }
      if (t.regionMatches(true, 0, "binary:", 0, 7)) {
        return binary(BinaryId.parse(t.substring(7)));
      }
    }
    throw new IllegalArgumentException(
        "correlation must be fifo, json:FIELD, binary:OFFSET:LEN or none, got '" + text + "'");
  }

  /** The kind. */
  public Kind kind() {
    return kind;
  }

  /** The JSON field for {@link Kind#JSON_FIELD}, otherwise {@code null}. */
  public String field() {
    return field;
  }

  /** Where the id sits for {@link Kind#BINARY}, otherwise {@code null}. */
  public BinaryId binaryId() {
    return binaryId;
  }

  /** The predicate for {@link Kind#CUSTOM}, otherwise {@code null}. */
  public BiPredicate<String, String> predicate() {
    return predicate;
  }

  /**
   * The correlation key of a message for {@link Kind#JSON_FIELD}: the JSON encoding of the field's
   * value, or {@code null} when the message is not a JSON object or has no such field (then a
   * request with this payload cannot be made, and a reply with it answers nothing). Use it to check
   * a payload before sending.
   *
   * @param message a request or reply text
   * @return the key, or {@code null}; always {@code null} for the other kinds
   */
  public String keyOf(String message) {
    if (kind != Kind.JSON_FIELD || message == null) {
      return null;
    }
    int i = 0;
    while (i < message.length() && Character.isWhitespace(message.charAt(i))) {
      i++;
    }
    if (i == message.length() || message.charAt(i) != '{') {
      return null;
    }
    Object value;
    try {
      value = new JsonObject(message);
    } catch (RuntimeException notJson) {
      return null;
    }
    for (String part : field.split("\\.")) {
      if (!(value instanceof JsonObject object)) {
        return null;
      }
      value = object.getValue(part);
    }
    return value == null ? null : Json.encode(value);
  }

  /**
   * The config form: {@code fifo}, {@code json:FIELD}, {@code binary:OFFSET:LEN}, {@code none}, or
   * {@code custom}.
   */
  @Override
  public String toString() {
    return switch (kind) {
      case FIFO -> "fifo";
      case NONE -> "none";
      case JSON_FIELD -> "json:" + field;
      case BINARY -> "binary:" + binaryId;
      case CUSTOM -> "custom";
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Correlation other
        && kind == other.kind
        && Objects.equals(field, other.field)
        && Objects.equals(binaryId, other.binaryId)
        && Objects.equals(predicate, other.predicate);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, field, predicate, binaryId);
  }
}
