package dev.wsmon.wrapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rows of values for {@code {feed.COLUMN}} in scenario templates, read from CSV (header row of
 * column names, RFC 4180 quoting). Connection {@code k} (from 1) gets row {@code (k - 1) mod rows}:
 * handed out round-robin per connection, like a Gatling circular feeder.
 */
public final class Feeder {

  private final List<String> columns;
  private final List<Map<String, String>> rows;

  private Feeder(List<String> columns, List<Map<String, String>> rows) {
    this.columns = List.copyOf(columns);
    this.rows = List.copyOf(rows);
  }

  /**
   * Parses CSV text.
   *
   * @param csv the text, a header row and at least one row
   * @param where the file name, for error messages
   * @throws IllegalArgumentException naming the file and line
   */
  public static Feeder fromCsv(String csv, String where) {
    List<List<String>> lines = CsvLines.parse(csv, where);
    if (lines.size() < 2) {
      throw new IllegalArgumentException(where + ": a feeder needs a header row and a data row");
    }
    List<String> header = lines.get(0);
    Set<String> unique = new LinkedHashSet<>();
    for (String name : header) {
      if (name.isBlank() || !unique.add(name.trim())) {
        throw new IllegalArgumentException(
            where + ": header column '" + name + "' is blank or repeated");
      }
    }
    List<String> columns = new ArrayList<>(unique);
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      List<String> cells = lines.get(i);
      if (cells.size() != columns.size()) {
        throw new IllegalArgumentException(
            where
                + ": row "
                + (i + 1)
                + " has "
                + cells.size()
                + " cells, the header has "
                + columns.size());
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int c = 0; c < columns.size(); c++) {
        row.put(columns.get(c), cells.get(c));
      }
      rows.add(row);
    }
    return new Feeder(columns, rows);
  }

  /** The column names. */
  public List<String> columns() {
    return columns;
  }

  /** How many rows. */
  public int size() {
    return rows.size();
  }

  /** The row of connection number {@code conn} (from 1). */
  public Map<String, String> rowFor(int conn) {
    return rows.get(Math.floorMod(conn - 1, rows.size()));
  }
}
