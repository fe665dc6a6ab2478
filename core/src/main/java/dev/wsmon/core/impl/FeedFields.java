package dev.wsmon.core.impl;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.wsmon.core.TimestampUnit;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads a sequence number and a timestamp from a JSON message with a streaming parser: no tree is
 * built, only the configured dotted paths are followed, and parsing stops once both are found.
 * Holds the result of the last {@link #read} call; one instance per connection, event loop only.
 */
public final class FeedFields {

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final int SEQ = 1;
  private static final int TS = 2;

  private final String[] seqPath;
  private final String[] tsPath;
  private final TimestampUnit unit;
  private final int wanted;
  private int found;

  /** Whether the last message had the sequence field. */
  public boolean hasSeq;

  /** The sequence number of the last message (when {@link #hasSeq}). */
  public long seq;

  /** Whether the last message had a readable timestamp. */
  public boolean hasTs;

  /** The timestamp of the last message, microseconds since the epoch (when {@link #hasTs}). */
  public long tsMicros;

  /**
   * @param seqField dotted path of the sequence number, or {@code null}
   * @param tsField dotted path of the timestamp, or {@code null}
   * @param unit how the timestamp is read
   */
  public FeedFields(String seqField, String tsField, TimestampUnit unit) {
    this.seqPath = seqField == null ? null : seqField.split("\\.");
    this.tsPath = tsField == null ? null : tsField.split("\\.");
    this.unit = unit;
    this.wanted = (seqPath == null ? 0 : SEQ) | (tsPath == null ? 0 : TS);
  }

  /** Whether any field is configured. */
  public boolean enabled() {
    return wanted != 0;
  }

  /**
   * Reads a text message.
   *
   * @return whether every configured field was found and readable
   */
  public boolean read(String text) {
    try (JsonParser parser = FACTORY.createParser(text)) {
      return read(parser);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Reads a binary message holding UTF-8 JSON.
   *
   * @return whether every configured field was found and readable
   */
  public boolean read(byte[] bytes) {
    try (JsonParser parser = FACTORY.createParser(bytes)) {
      return read(parser);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private boolean read(JsonParser parser) throws IOException {
    hasSeq = false;
    hasTs = false;
    found = 0;
    if (wanted == 0) {
      return true;
    }
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      return false;
    }
    scanObject(parser, 0, wanted);
    return found == wanted;
  }

  /** Scans the object whose START_OBJECT was just read; {@code active} paths match so far. */
  private void scanObject(JsonParser parser, int depth, int active) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      int here =
          (matches(seqPath, depth, name) ? SEQ : 0) | (matches(tsPath, depth, name) ? TS : 0);
      here &= active & ~found;
      if (here == 0) {
        parser.skipChildren();
        continue;
      }
      if (value == JsonToken.START_OBJECT) {
        int deeper = 0;
        if ((here & SEQ) != 0 && seqPath.length > depth + 1) {
          deeper |= SEQ;
        }
        if ((here & TS) != 0 && tsPath.length > depth + 1) {
          deeper |= TS;
        }
        if (deeper == 0) {
          parser.skipChildren();
        } else {
          scanObject(parser, depth + 1, deeper);
        }
      } else if (value == JsonToken.START_ARRAY) {
        parser.skipChildren();
      } else {
        if ((here & SEQ) != 0 && seqPath.length == depth + 1) {
          readSeq(parser, value);
        }
        if ((here & TS) != 0 && tsPath.length == depth + 1) {
          readTs(parser, value);
        }
      }
      if (found == wanted) {
        return;
      }
    }
  }

  private static boolean matches(String[] path, int depth, String name) {
    return path != null && path.length > depth && path[depth].equals(name);
  }

  private void readSeq(JsonParser parser, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NUMBER_INT) {
      seq = parser.getLongValue();
    } else if (value == JsonToken.VALUE_STRING) {
      try {
        seq = Long.parseLong(parser.getText().trim());
      } catch (NumberFormatException e) {
        return;
      }
    } else {
      return;
    }
    hasSeq = true;
    found |= SEQ;
  }

  private void readTs(JsonParser parser, JsonToken value) throws IOException {
    Long micros = null;
    if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
      micros = numberMicros(parser.getDoubleValue(), parser, value);
    } else if (value == JsonToken.VALUE_STRING) {
      micros = stringMicros(parser.getText().trim());
    }
    if (micros != null) {
      tsMicros = micros;
      hasTs = true;
      found |= TS;
    }
  }

  private Long numberMicros(double number, JsonParser parser, JsonToken value) throws IOException {
    TimestampUnit u = unit == TimestampUnit.AUTO ? byMagnitude(Math.abs(number)) : unit;
    boolean integral = value == JsonToken.VALUE_NUMBER_INT;
    return switch (u) {
      case S -> Math.round(number * 1_000_000);
      case MS -> integral ? parser.getLongValue() * 1000 : Math.round(number * 1000);
      case US -> integral ? parser.getLongValue() : Math.round(number);
      case NS -> integral ? parser.getLongValue() / 1000 : Math.round(number / 1000);
      default -> null;
    };
  }

  private Long stringMicros(String text) {
    if (unit == TimestampUnit.AUTO || unit == TimestampUnit.ISO) {
      try {
        OffsetDateTime t = OffsetDateTime.parse(text);
        return t.toEpochSecond() * 1_000_000 + t.getNano() / 1000;
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    try {
      double number = Double.parseDouble(text);
      return switch (unit) {
        case S -> Math.round(number * 1_000_000);
        case MS -> Math.round(number * 1000);
        case US -> Math.round(number);
        default -> Math.round(number / 1000);
      };
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Guesses the unit of an epoch timestamp from its size (good from 1973 to 5138). */
  static TimestampUnit byMagnitude(double value) {
    if (value < 1e11) {
      return TimestampUnit.S;
    }
    if (value < 1e14) {
      return TimestampUnit.MS;
    }
    return value < 1e17 ? TimestampUnit.US : TimestampUnit.NS;
  }
}
