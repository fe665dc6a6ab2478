package dev.wsmon.wrapper;

import java.util.ArrayList;
import java.util.List;

/** An RFC 4180 CSV reader: quoted cells, doubled quotes, CRLF or LF; blank lines skipped. */
final class CsvLines {

  private CsvLines() {}

  static List<List<String>> parse(String text, String where) {
    List<List<String>> lines = new ArrayList<>();
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    int line = 1;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          if (ch == '\n') {
            line++;
          }
          cell.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
        any = true;
      } else if (ch == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
        any = true;
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        if (any || cell.length() > 0) {
          cells.add(cell.toString());
          lines.add(cells);
        }
        cells = new ArrayList<>();
        cell.setLength(0);
        any = false;
        line++;
      } else {
        cell.append(ch);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException(where + ": unterminated quote at line " + line);
    }
    if (any || cell.length() > 0) {
      cells.add(cell.toString());
      lines.add(cells);
    }
    return lines;
  }
}
