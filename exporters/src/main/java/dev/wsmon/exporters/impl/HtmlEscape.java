package dev.wsmon.exporters.impl;

/**
 * Escaping for the HTML report: text and attribute values, and JSON embedded in a {@code <script
 * type="application/json">} element.
 */
public final class HtmlEscape {

  private HtmlEscape() {}

  /**
   * Escapes {@code & < > " '} so that {@code text} is inert in element content and in quoted
   * attribute values; {@code null} becomes the empty string.
   */
  public static String html(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Makes JSON text safe inside a script element: {@code < > &} and U+2028/U+2029 become {@code
   * \\uXXXX} escapes. These characters occur only inside JSON strings, where the escapes decode to
   * the same text, so the result is equivalent JSON that cannot close the element.
   */
  public static String scriptJson(String json) {
    StringBuilder out = new StringBuilder(json.length() + 16);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      switch (c) {
        case '<' -> out.append("\\u003c");
        case '>' -> out.append("\\u003e");
        case '&' -> out.append("\\u0026");
        case '\u2028' -> out.append("\\u2028");
        case '\u2029' -> out.append("\\u2029");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
