package dev.wsmon.wrapper.internal.scenario;

import dev.wsmon.wrapper.PayloadTemplate;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The compiled condition of an {@code expect}: JSON fields that must equal (values may be
 * templates), a regex that must be found (may be a template), and a {@code not} condition. {@link
 * #bind} renders the templates once per expect run.
 */
final class MessageMatcher {

  private record Field(String[] path, Object constant, PayloadTemplate template) {}

  private final List<Field> fields;
  private final Pattern constantRegex;
  private final PayloadTemplate regexTemplate;
  private final MessageMatcher not;
  private final String channel;
  private final Predicate<String> predicate;

  private MessageMatcher(
      List<Field> fields,
      Pattern constantRegex,
      PayloadTemplate regexTemplate,
      MessageMatcher not,
      String channel) {
    this(fields, constantRegex, regexTemplate, not, channel, null);
  }

  private MessageMatcher(
      List<Field> fields,
      Pattern constantRegex,
      PayloadTemplate regexTemplate,
      MessageMatcher not,
      String channel,
      Predicate<String> predicate) {
    this.fields = fields;
    this.predicate = predicate;
    this.constantRegex = constantRegex;
    this.regexTemplate = regexTemplate;
    this.not = not;
    this.channel = channel;
  }

  /**
   * A Java predicate on the message text (a scheduled call's expectation); it may throw, and the
   * expect then fails with the exception's message.
   */
  static MessageMatcher when(Predicate<String> predicate) {
    return new MessageMatcher(List.of(), null, null, null, null, predicate);
  }

  /** This condition, also requiring the protocol channel {@code channel} (null: any). */
  MessageMatcher onChannel(String channel) {
    return new MessageMatcher(fields, constantRegex, regexTemplate, not, channel);
  }

  static MessageMatcher compile(
      JsonObject json, String regex, JsonObject not, PayloadTemplate.Names names) {
    List<Field> fields = new ArrayList<>();
    if (json != null) {
      for (String path : json.fieldNames()) {
        Object value = json.getValue(path);
        if (value instanceof JsonObject || value instanceof JsonArray) {
          throw new IllegalArgumentException(
              "expect json '" + path + "': compare scalars, use a dotted path for nested fields");
        }
        PayloadTemplate t = value instanceof String s ? PayloadTemplate.strict(s, names) : null;
        fields.add(
            new Field(
                path.split("\\."),
                // a constant template may still have resolved {env.NAME}: compare its rendering
                t != null && t.isConstant() ? t.render(0, 0) : (t == null ? value : null),
                t != null && !t.isConstant() ? t : null));
      }
    }
    Pattern constant = null;
    PayloadTemplate template = null;
    if (regex != null) {
      PayloadTemplate t = PayloadTemplate.strict(regex, names);
      if (t.isConstant()) {
        constant = Pattern.compile(t.render(0, 0));
      } else {
        template = t;
      }
    }
    MessageMatcher notMatcher =
        not == null
            ? null
            : compile(
                not.getJsonObject("json"),
                not.containsKey("regex") ? String.valueOf(not.getValue("regex")) : null,
                null,
                names);
    return new MessageMatcher(List.copyOf(fields), constant, template, notMatcher, null);
  }

  /** The condition with its templates rendered. */
  Bound bind(PayloadTemplate.Values values) {
    Object[] expected = new Object[fields.size()];
    for (int i = 0; i < expected.length; i++) {
      Field f = fields.get(i);
      expected[i] = f.template == null ? f.constant : f.template.render(values);
    }
    Pattern pattern =
        regexTemplate == null ? constantRegex : Pattern.compile(regexTemplate.render(values));
    return new Bound(this, expected, pattern, not == null ? null : not.bind(values));
  }

  /** A rendered condition. */
  static final class Bound {
    private final MessageMatcher matcher;
    private final Object[] expected;
    private final Pattern pattern;
    private final Bound not;

    private Bound(MessageMatcher matcher, Object[] expected, Pattern pattern, Bound not) {
      this.matcher = matcher;
      this.expected = expected;
      this.pattern = pattern;
      this.not = not;
    }

    /** The regex match of {@code message} when it matches, else null ({@code NO_REGEX} if none). */
    Matcher test(Received message) {
      if (matcher.channel != null && !matcher.channel.equals(message.channel)) {
        return null;
      }
      if (matcher.predicate != null) {
        return matcher.predicate.test(message.text) ? NO_REGEX : null;
      }
      if (expected.length > 0) {
        JsonObject json = message.json();
        if (json == null) {
          return null;
        }
        for (int i = 0; i < expected.length; i++) {
          if (!equal(expected[i], Received.at(json, matcher.fields.get(i).path))) {
            return null;
          }
        }
      }
      Matcher m = NO_REGEX;
      if (pattern != null) {
        m = pattern.matcher(message.text);
        if (!m.find()) {
          return null;
        }
      }
      if (not != null && not.test(message) != null) {
        return null;
      }
      return m;
    }
  }

  /** The result of a match without a regex. */
  static final Matcher NO_REGEX = Pattern.compile("").matcher("");

  static boolean equal(Object expected, Object actual) {
    if (expected == null) {
      return actual == null;
    }
    if (actual == null) {
      return false;
    }
    if (expected instanceof Number e && actual instanceof Number a) {
      return e.doubleValue() == a.doubleValue();
    }
    if (actual instanceof JsonObject || actual instanceof JsonArray) {
      return false;
    }
    return String.valueOf(expected).equals(String.valueOf(actual));
  }
}
