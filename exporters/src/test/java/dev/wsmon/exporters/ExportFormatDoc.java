package dev.wsmon.exporters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key lists of {@code docs/export-format.md}: every table under a heading {@code ### `object`},
 * first column the key in backticks, fourth column {@code always} or {@code optional}.
 */
final class ExportFormatDoc {

  static final Path FILE = Path.of("../docs/export-format.md");

  private static final Pattern HEADING = Pattern.compile("^###\\s+`([a-z_]+)`\\s*$");
  private static final Pattern ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|(.*)$");

  /** One documented key. */
  record Key(String name, boolean optional) {}

  private final Map<String, List<Key>> tables;

  private ExportFormatDoc(Map<String, List<Key>> tables) {
    this.tables = tables;
  }

  static ExportFormatDoc load() {
    try {
      return parse(Files.readAllLines(FILE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ExportFormatDoc parse(List<String> lines) {
    Map<String, List<Key>> tables = new LinkedHashMap<>();
    List<Key> current = null;
    for (String line : lines) {
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        current = new java.util.ArrayList<>();
        tables.put(heading.group(1), current);
        continue;
      }
      if (line.startsWith("#")) {
        current = null;
        continue;
      }
      Matcher row = ROW.matcher(line);
      if (current != null && row.matches()) {
        String[] cells = row.group(2).split("\\|", -1);
        String presence = cells.length > 2 ? cells[2].trim() : "";
        if (!presence.equals("always") && !presence.equals("optional")) {
          throw new IllegalStateException(
              "presence of `" + row.group(1) + "` must be always or optional: " + line);
        }
        current.add(new Key(row.group(1), presence.equals("optional")));
      }
    }
    return new ExportFormatDoc(tables);
  }

  Set<String> tables() {
    return tables.keySet();
  }

  Set<String> required(String... tableNames) {
    return keys(false, tableNames);
  }

  Set<String> all(String... tableNames) {
    return keys(true, tableNames);
  }

  private Set<String> keys(boolean withOptional, String... tableNames) {
    Set<String> out = new LinkedHashSet<>();
    for (String name : tableNames) {
      List<Key> keys = tables.get(name);
      if (keys == null) {
        throw new IllegalStateException("docs/export-format.md has no table `" + name + "`");
      }
      keys.stream().filter(k -> withOptional || !k.optional()).map(Key::name).forEach(out::add);
    }
    return out;
  }
}
