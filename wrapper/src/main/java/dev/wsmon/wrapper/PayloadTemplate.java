package dev.wsmon.wrapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text with placeholders, compiled once; rendering only concatenates. The one template engine of
 * wsmon: the {@code --send} payload, headers and URI use its {@code {conn}}/{@code {seq}} subset,
 * scenarios use all of it:
 *
 * <ul>
 *   <li>{@code {conn}} the connection number (from 1), {@code {seq}} the connection's send counter;
 *   <li>{@code {NAME}} a value captured by an earlier {@code expect};
 *   <li>{@code {env.NAME}} an environment variable (read at compile time);
 *   <li>{@code {uuid}} a random UUID, {@code {random.int(A,B)}} a uniform integer in [A, B], {@code
 *       {now.ms}} the epoch milliseconds;
 *   <li>{@code {feed.COLUMN}} the column of the connection's feeder row.
 * </ul>
 *
 * A placeholder is an opening brace followed by a name of letters, digits, {@code _} and dots (and
 * an argument list for {@code random.int}); other braces (JSON) are literal text. In strict mode an
 * unknown name is an error at compile time, never an empty string at run time.
 */
public final class PayloadTemplate {

  private static final Pattern PLACEHOLDER =
      Pattern.compile(
          "\\{([A-Za-z_][A-Za-z0-9_\\-]*(?:\\.[A-Za-z0-9_\\-]+)*(?:\\(\\s*-?\\d+\\s*,\\s*-?\\d+\\s*\\))?)\\}");
  private static final Pattern RANDOM_INT =
      Pattern.compile("random\\.int\\(\\s*(-?\\d+)\\s*,\\s*(-?\\d+)\\s*\\)");

  /** The values a render needs, supplied by the caller (a scenario session, a sender). */
  public interface Values {
    /** The connection number, from 1. */
    int conn();

    /** The current send counter value. */
    long seq();

    /** A captured value, or null when not captured (yet). */
    default String capture(String name) {
      return null;
    }

    /** A column of the connection's feeder row, or null without a feeder. */
    default String feed(String column) {
      return null;
    }
  }

  /** What a strict compile may refer to besides the built-in names. */
  public record Names(Set<String> captures, Set<String> feedColumns, Function<String, String> env) {
    /** Names with no captures, no feeder and the process environment. */
    public static Names none() {
      return new Names(Set.of(), Set.of(), System::getenv);
    }

    /**
     * The names a scenario may use before its first capture: the columns of {@code feeder} (none
     * when null) and {@code env}.
     */
    public static Names of(Feeder feeder, Function<String, String> env) {
      return new Names(Set.of(), feeder == null ? Set.of() : Set.copyOf(feeder.columns()), env);
    }

    /** These names with {@code captures} instead. */
    public Names withCaptures(Set<String> captures) {
      return new Names(captures, feedColumns, env);
    }
  }

  private enum Kind {
    CONN,
    SEQ,
    CAPTURE,
    CONSTANT,
    UUID,
    RANDOM_INT,
    NOW_MS,
    FEED
  }

  private record Part(Kind kind, String arg, long a, long b) {}

  private final String text;
  private final String[] literals;
  private final Part[] parts;

  private PayloadTemplate(String text, String[] literals, Part[] parts) {
    this.text = text;
    this.literals = literals;
    this.parts = parts;
  }

  /**
   * Compiles {@code text} with only {@code {conn}} and {@code {seq}}; any other brace text stays
   * literal (the {@code --send} payload, headers, URI).
   */
  public static PayloadTemplate connSeq(String text) {
    return compile(text, null);
  }

  /**
   * Compiles {@code text} strictly.
   *
   * @param text the template text
   * @param names the captures, feeder columns and environment it may use
   * @throws IllegalArgumentException naming the first unknown placeholder
   */
  public static PayloadTemplate strict(String text, Names names) {
    return compile(text, Objects.requireNonNull(names, "names"));
  }

  private static PayloadTemplate compile(String text, Names names) {
    String source = text == null ? "" : text;
    List<String> literals = new ArrayList<>();
    List<Part> parts = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(source);
    int from = 0;
    StringBuilder literal = new StringBuilder();
    while (m.find()) {
      Part part = part(m.group(1), names);
      literal.append(source, from, m.start());
      from = m.end();
      if (part == null) {
        literal.append(m.group());
      } else if (part.kind == Kind.CONSTANT) {
        literal.append(part.arg);
      } else {
        literals.add(literal.toString());
        literal.setLength(0);
        parts.add(part);
      }
    }
    literal.append(source.substring(from));
    // a constant text renders as the given instance (no copy per message)
    String last = literal.toString();
    literals.add(parts.isEmpty() && last.equals(source) ? source : last);
    return new PayloadTemplate(source, literals.toArray(new String[0]), parts.toArray(new Part[0]));
  }

  /** The part for {@code name}; null to keep it literal (lenient mode only). */
  private static Part part(String name, Names names) {
    switch (name) {
      case "conn":
        return new Part(Kind.CONN, null, 0, 0);
      case "seq":
        return new Part(Kind.SEQ, null, 0, 0);
      default:
        break;
    }
    if (names == null) {
      return null;
    }
    switch (name) {
      case "uuid":
        return new Part(Kind.UUID, null, 0, 0);
      case "now.ms":
        return new Part(Kind.NOW_MS, null, 0, 0);
      default:
        break;
    }
    Matcher random = RANDOM_INT.matcher(name);
    if (random.matches()) {
      long a = Long.parseLong(random.group(1));
      long b = Long.parseLong(random.group(2));
      if (a > b) {
        throw new IllegalArgumentException(
            "template {" + name + "}: the lower bound is above the upper bound");
      }
      return new Part(Kind.RANDOM_INT, null, a, b);
    }
    if (name.startsWith("env.")) {
      String var = name.substring(4);
      String value = names.env().apply(var);
      if (value == null) {
        throw new IllegalArgumentException(
            "template {" + name + "}: the environment variable " + var + " is not set");
      }
      return new Part(Kind.CONSTANT, value, 0, 0);
    }
    if (name.startsWith("feed.")) {
      String column = name.substring(5);
      if (!names.feedColumns().contains(column)) {
        throw new IllegalArgumentException(
            "template {"
                + name
                + "}: "
                + (names.feedColumns().isEmpty()
                    ? "no feeder is given (--feeder FILE.csv)"
                    : "the feeder has no column '" + column + "', it has " + names.feedColumns()));
      }
      return new Part(Kind.FEED, column, 0, 0);
    }
    if (names.captures().contains(name)) {
      return new Part(Kind.CAPTURE, name, 0, 0);
    }
    throw new IllegalArgumentException(
        "unknown template name {"
            + name
            + "}: use conn, seq, uuid, now.ms, random.int(A,B), env.NAME, feed.COLUMN or a name"
            + " captured by an earlier expect");
  }

  /**
   * {@code text} with every placeholder replaced by {@code x}: to check the syntax of a regex that
   * holds placeholders ({@code {conn}} would be an illegal repetition).
   */
  public static String withoutPlaceholders(String text) {
    return PLACEHOLDER.matcher(text).replaceAll("x");
  }

  /** The text as given. */
  public String text() {
    return text;
  }

  /** Whether the text has any placeholder left to render. */
  public boolean isConstant() {
    return parts.length == 0;
  }

  /** Whether the text uses {@code {seq}}. */
  public boolean usesSeq() {
    for (Part p : parts) {
      if (p.kind == Kind.SEQ) {
        return true;
      }
    }
    return false;
  }

  /** The names of the captures this text uses. */
  public List<String> captures() {
    List<String> out = new ArrayList<>();
    for (Part p : parts) {
      if (p.kind == Kind.CAPTURE) {
        out.add(p.arg);
      }
    }
    return out;
  }

  /** The text with {@code {conn}} and {@code {seq}} replaced (the {@code --send} hot path). */
  public String render(int conn, long seq) {
    if (parts.length == 0) {
      return literals[0];
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < parts.length; i++) {
      out.append(literals[i]);
      if (parts[i].kind == Kind.SEQ) {
        out.append(seq);
      } else {
        out.append(conn);
      }
    }
    return out.append(literals[literals.length - 1]).toString();
  }

  /**
   * The text rendered with {@code values}.
   *
   * @throws IllegalStateException naming a capture or feeder column that has no value
   */
  public String render(Values values) {
    if (parts.length == 0) {
      return literals[0];
    }
    StringBuilder out = new StringBuilder(text.length() + 32);
    for (int i = 0; i < parts.length; i++) {
      out.append(literals[i]);
      Part p = parts[i];
      switch (p.kind) {
        case CONN -> out.append(values.conn());
        case SEQ -> out.append(values.seq());
        case UUID -> out.append(UUID.randomUUID());
        case NOW_MS -> out.append(System.currentTimeMillis());
        case RANDOM_INT -> out.append(ThreadLocalRandom.current().nextLong(p.a, p.b + 1));
        case CAPTURE -> out.append(required(values.capture(p.arg), "capture '" + p.arg + "'"));
        case FEED -> out.append(required(values.feed(p.arg), "feeder column '" + p.arg + "'"));
        case CONSTANT -> out.append(p.arg);
      }
    }
    return out.append(literals[literals.length - 1]).toString();
  }

  private static String required(String value, String what) {
    if (value == null) {
      throw new IllegalStateException(what + " has no value");
    }
    return value;
  }

  @Override
  public String toString() {
    return text;
  }
}
