package dev.wsmon.wrapper.internal.scenario;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * A received text message (or a protocol message's payload, with its channel), parsed as JSON at
 * most once and only when a matcher asks.
 */
final class Received {

  final String text;
  final long index;
  final String channel;
  private JsonObject json;
  private boolean parsed;

  Received(String text, long index) {
    this(text, index, null);
  }

  Received(String text, long index, String channel) {
    this.text = text;
    this.index = index;
    this.channel = channel;
  }

  /** The message as a JSON object, or null when it is not one. */
  JsonObject json() {
    if (!parsed) {
      parsed = true;
      String t = text.stripLeading();
      if (t.startsWith("{")) {
        try {
          json = new JsonObject(text);
        } catch (DecodeException e) {
          json = null;
        }
      }
    }
    return json;
  }

  /** The value at the dotted {@code path}, or null. */
  static Object at(JsonObject json, String[] path) {
    Object value = json;
    for (String part : path) {
      if (!(value instanceof JsonObject object)) {
        return null;
      }
      value = object.getValue(part);
    }
    return value;
  }

  /** The message shortened for a failure reason. */
  static String shorten(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }
}
