package dev.wsmon.exporters.impl;

import dev.wsmon.exporters.ExportFormat;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Set;

/**
 * A validated {@code <ns>.export} request body: {@code {"format": .., "path"?: .., "pretty"?: ..}}.
 *
 * @param format the format
 * @param path the requested file, or {@code null} to reply with the text
 * @param pretty whether JSON is indented
 */
public record ExportRequest(ExportFormat format, String path, boolean pretty) {

  private static final Set<String> KEYS = Set.of("format", "path", "pretty");
  private static final String EXAMPLE = "{\"format\": \"json\"}";

  /**
   * Reads a request body: a {@link JsonObject}, or a {@link String} or {@link Buffer} holding one.
   *
   * @throws ExportFailure with {@link ExportFailure#BAD_REQUEST} naming the problem
   */
  public static ExportRequest parse(Object body) {
    JsonObject json = asJson(body);
    for (String key : json.fieldNames()) {
      if (!KEYS.contains(key)) {
        throw bad("unknown key '" + key + "' in export request; expected format, path, pretty");
      }
    }
    Object format = json.getValue("format");
    if (format == null) {
      throw bad("export request needs a \"format\": one of " + formats());
    }
    if (!(format instanceof String formatId)) {
      throw bad("format must be a string, one of " + formats() + "; got " + quoted(format));
    }
    ExportFormat parsedFormat;
    try {
      parsedFormat = ExportFormat.fromId(formatId);
    } catch (IllegalArgumentException e) {
      throw bad(e.getMessage());
    }
    Object path = json.getValue("path");
    if (path != null && !(path instanceof String)) {
      throw bad("path must be a string, got " + quoted(path));
    }
    if (path != null && ((String) path).isBlank()) {
      throw bad("path must not be empty");
    }
    Object pretty = json.getValue("pretty");
    if (pretty != null && !(pretty instanceof Boolean)) {
      throw bad("pretty must be true or false, got " + quoted(pretty));
    }
    return new ExportRequest(parsedFormat, (String) path, Boolean.TRUE.equals(pretty));
  }

  private static JsonObject asJson(Object body) {
    if (body instanceof JsonObject json) {
      return json;
    }
    if (body instanceof String || body instanceof Buffer) {
      try {
        return body instanceof String s ? new JsonObject(s) : new JsonObject((Buffer) body);
      } catch (DecodeException | ClassCastException e) {
        throw bad(
            "export request body is not a JSON object such as "
                + EXAMPLE
                + ": "
                + abbreviate(body));
      }
    }
    String type = body == null ? "nothing" : body.getClass().getSimpleName();
    throw bad("export request body must be a JSON object such as " + EXAMPLE + ", got " + type);
  }

  private static String formats() {
    return String.join(", ", Arrays.stream(ExportFormat.values()).map(ExportFormat::id).toList());
  }

  private static String quoted(Object value) {
    return value instanceof String ? "\"" + value + "\"" : abbreviate(value);
  }

  private static String abbreviate(Object value) {
    String text = value instanceof JsonObject json ? json.encode() : String.valueOf(value);
    return text.length() <= 120 ? text : text.substring(0, 120) + "...";
  }

  private static ExportFailure bad(String message) {
    return new ExportFailure(ExportFailure.BAD_REQUEST, message);
  }
}
