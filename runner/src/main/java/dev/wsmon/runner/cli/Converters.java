package dev.wsmon.runner.cli;

import dev.wsmon.core.BinaryId;
import dev.wsmon.core.Durations;
import dev.wsmon.core.Redaction;
import dev.wsmon.runner.report.Threshold;
import java.time.Duration;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for wsmon's flag values; their messages name the bad value. */
final class Converters {

  private Converters() {}

  /** {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h} or milliseconds. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return Durations.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code Name: value}. */
  static final class HeaderConverter implements ITypeConverter<String> {
    private static final Pattern FORMAT = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+\\s*:.*");

    @Override
    public String convert(String value) {
      if (!FORMAT.matcher(value).matches()) {
        String first = value.strip().split("\\s", 2)[0];
        String shown = value.strip().equals(first) ? first : first + " ...";
        throw new TypeConversionException(
            "'" + Redaction.text(shown) + "' is not a header; write -H 'Name: value'");
      }
      return value;
    }
  }

  /** {@code fifo}, {@code json:FIELD}, {@code binary:OFFSET:LEN} or {@code none}. */
  static final class CorrelationConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (value.equals("fifo")
          || value.equals("none")
          || (value.startsWith("json:") && value.length() > 5)) {
        return value;
      }
      if (value.startsWith("binary:")) {
        try {
          BinaryId.parse(value.substring(7));
          return value;
        } catch (IllegalArgumentException e) {
          throw new TypeConversionException("'" + value + "': " + e.getMessage());
        }
      }
      throw new TypeConversionException(
          "'"
              + value
              + "' is not a correlation mode; use fifo, json:FIELD, binary:OFFSET:LEN or"
              + " none");
    }
  }

  /** {@code METRIC OP NUMBER}. */
  static final class ThresholdConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      try {
        Threshold.parse(value);
        return value;
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
