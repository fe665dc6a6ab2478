package dev.wsmon.exporters.impl;

/**
 * Neutralises text cells against spreadsheet formula injection (OWASP "CSV injection"): a text that
 * starts with {@code = + - @}, tab or carriage return gets a leading {@code '}. Numbers are never
 * passed here.
 */
public final class FormulaGuard {

  private FormulaGuard() {}

  public static String text(String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    return switch (value.charAt(0)) {
      case '=', '+', '-', '@', '\t', '\r' -> "'" + value;
      default -> value;
    };
  }
}
