package dev.wsmon.exporters.impl;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Flattens snapshot rows and series points into CSV with Jackson's CSV module: RFC 4180 quoting,
 * CRLF line ends, numbers in plain locale-independent notation, text cells passed through {@link
 * FormulaGuard}.
 */
public final class CsvRenderer {

  static final String SCOPE = "scope";
  static final String NAME = "name";
  static final String GROUP = "group";

  private static final Set<String> CONNECTION_KEYS = Set.of("connection_id", "group");

  /** The keys of a time-series point, in contract order. */
  public static final List<String> SERIES_COLUMNS =
      List.of(
          "timestamp",
          "connections",
          "connected",
          "connection_attempts",
          "failed_connections",
          "disconnections",
          "reconnections",
          "messages_sent_per_second",
          "messages_received_per_second",
          "bytes_sent_per_second",
          "bytes_received_per_second",
          "rtt_p50_ms",
          "rtt_p90_ms",
          "rtt_p99_ms",
          "rtt_max_ms",
          "connection_latency_p50_ms",
          "connection_latency_p99_ms");

  private static final Pattern INTEGER = Pattern.compile("\\d+");

  /**
   * Nested keys whose flattened name would be another key's column: {@code protocol.errors} would
   * be {@code protocol_errors}, the WebSocket-level count.
   */
  private static final Map<String, String> RENAMED =
      Map.of("protocol\u0000errors", "protocol\u0000session_errors");

  private static final CsvMapper MAPPER =
      CsvMapper.builder()
          .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
          .build();

  private CsvRenderer() {}

  /** The {@code csv} export: a total row, one row per group, one per connection. */
  public static String snapshot(JsonObject snapshot) {
    JsonObject total = object(snapshot, "total");
    if (total == null) {
      throw new IllegalArgumentException("snapshot has no \"total\" object");
    }
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("total", "total", null, flatten(total, Set.of())));
    JsonObject groups = object(snapshot, "groups");
    if (groups != null) {
      for (String name : groups.fieldNames()) {
        JsonObject group = object(groups, name);
        rows.add(new Row("group", name, name, flatten(group, Set.of())));
      }
    }
    JsonArray connections = array(snapshot, "connections");
    if (connections != null) {
      for (Object element : connections) {
        JsonObject connection = asObject(element, "connections[]");
        rows.add(
            new Row(
                "connection",
                text(connection.getValue("connection_id")),
                text(connection.getValue("group")),
                flatten(connection, CONNECTION_KEYS)));
      }
    }
    List<String> columns = new ArrayList<>(List.of(SCOPE, NAME, GROUP));
    columns.addAll(metricColumns(rows.stream().map(Row::cells).toList()));
    List<List<Object>> values = new ArrayList<>(rows.size());
    for (Row row : rows) {
      List<Object> line = new ArrayList<>(columns.size());
      line.add(row.scope());
      line.add(cell(row.name()));
      line.add(cell(row.group()));
      for (int i = 3; i < columns.size(); i++) {
        line.add(cell(row.cells().get(columns.get(i))));
      }
      values.add(line);
    }
    return write(columns, values);
  }

  /**
   * The {@code csv-series} export: one row per point. Columns: the contract's point keys in
   * contract order, then any other key in first-appearance order.
   */
  public static String series(JsonArray points) {
    List<Map<String, Object>> rows = new ArrayList<>(points.size());
    Map<String, Object> contract = new LinkedHashMap<>();
    SERIES_COLUMNS.forEach(column -> contract.put(column, null));
    rows.add(contract);
    for (Object point : points) {
      rows.add(flatten(asObject(point, "points[]"), Set.of()));
    }
    List<String> columns = metricColumns(rows);
    rows.remove(0);
    List<List<Object>> values = new ArrayList<>(rows.size());
    for (Map<String, Object> row : rows) {
      List<Object> line = new ArrayList<>(columns.size());
      for (String column : columns) {
        line.add(cell(row.get(column)));
      }
      values.add(line);
    }
    return write(columns, values);
  }

  private record Row(String scope, String name, String group, Map<String, Object> cells) {}

  /**
   * The union of the flattened keys, grouped by their top-level key in first-appearance order; a
   * top-level object keyed by integers (close codes) is sorted numerically.
   */
  private static List<String> metricColumns(List<Map<String, Object>> rows) {
    Map<String, LinkedHashSet<String>> byTop = new LinkedHashMap<>();
    for (Map<String, Object> row : rows) {
      for (String key : row.keySet()) {
        String top = key.contains("\u0000") ? key.substring(0, key.indexOf('\u0000')) : key;
        byTop.computeIfAbsent(top, k -> new LinkedHashSet<>()).add(key);
      }
    }
    List<String> columns = new ArrayList<>();
    for (Map.Entry<String, LinkedHashSet<String>> entry : byTop.entrySet()) {
      List<String> keys = new ArrayList<>(entry.getValue());
      String prefix = entry.getKey() + '\u0000';
      boolean integerKeyed =
          keys.stream()
              .allMatch(
                  k ->
                      k.startsWith(prefix)
                          && INTEGER.matcher(k.substring(prefix.length())).matches());
      if (integerKeyed) {
        keys.sort(Comparator.comparing((String k) -> new BigInteger(k.substring(prefix.length()))));
      }
      columns.addAll(keys);
    }
    return columns;
  }

  /**
   * Flattens {@code object}: nested objects become {@code parent_child} keys. Internally the parts
   * are joined with NUL (so the top-level key stays recoverable) and turned into {@code _} when the
   * header is written.
   */
  private static Map<String, Object> flatten(JsonObject object, Set<String> skip) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (object == null) {
      return out;
    }
    for (Map.Entry<String, Object> entry : object) {
      String key = entry.getKey();
      if (skip.contains(key)) {
        continue;
      }
      flattenInto(out, key, entry.getValue());
    }
    return out;
  }

  private static void flattenInto(Map<String, Object> out, String key, Object value) {
    JsonObject nested =
        value instanceof Map<?, ?> || value instanceof JsonObject ? asObject(value, key) : null;
    if (nested == null) {
      out.put(key, value);
      return;
    }
    for (Map.Entry<String, Object> entry : nested) {
      String path = key + '\u0000' + entry.getKey();
      flattenInto(out, RENAMED.getOrDefault(path, path), entry.getValue());
    }
  }

  private static Object cell(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Double d) {
      return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
    }
    if (value instanceof Float f) {
      return Float.isFinite(f) ? new BigDecimal(f.toString()) : null;
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value;
    }
    if (value instanceof JsonArray array) {
      return FormulaGuard.text(array.encode());
    }
    return FormulaGuard.text(text(value));
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Instant instant) {
      return instant.toString();
    }
    return value.toString();
  }

  /** Writes rows as maps keyed by header name: Jackson's CSV writer skips nulls in array rows. */
  private static String write(List<String> columns, List<List<Object>> rows) {
    List<String> names = new ArrayList<>(columns.size());
    CsvSchema.Builder schema = CsvSchema.builder();
    for (String column : columns) {
      String name = FormulaGuard.text(column.replace('\u0000', '_'));
      names.add(name);
      schema.addColumn(name);
    }
    StringWriter out = new StringWriter();
    try (SequenceWriter writer =
        MAPPER.writer(schema.build().withHeader().withLineSeparator("\r\n")).writeValues(out)) {
      for (List<Object> row : rows) {
        Map<String, Object> line = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
          line.put(names.get(i), row.get(i));
        }
        writer.write(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render CSV: " + e.getMessage(), e);
    }
    return out.toString();
  }

  private static JsonObject object(JsonObject parent, String key) {
    return asObject(parent.getValue(key), key);
  }

  private static JsonArray array(JsonObject parent, String key) {
    Object value = parent.getValue(key);
    if (value == null || value instanceof JsonArray) {
      return (JsonArray) value;
    }
    throw new IllegalArgumentException(
        "snapshot key \"" + key + "\" must be an array, got " + value);
  }

  @SuppressWarnings("unchecked")
  private static JsonObject asObject(Object value, String what) {
    if (value == null || value instanceof JsonObject) {
      return (JsonObject) value;
    }
    if (value instanceof Map<?, ?> map) {
      return new JsonObject((Map<String, Object>) map);
    }
    throw new IllegalArgumentException(
        "snapshot key \"" + what + "\" must be an object, got " + value);
  }
}
