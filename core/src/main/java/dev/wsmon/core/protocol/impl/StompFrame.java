package dev.wsmon.core.protocol.impl;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A STOMP 1.2 frame read from one WebSocket text message: the command, the headers (first
 * occurrence wins, values unescaped except in CONNECTED) and the body. Leading EOLs are heart-beats
 * and are counted in {@link #heartbeats}.
 */
record StompFrame(String command, Map<String, String> headers, String body, int heartbeats) {

  /** The frame in {@code text}, or one with a {@code null} command when it holds only EOLs. */
  static StompFrame parse(String text) {
    int i = 0;
    int beats = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\n') {
        beats++;
        i++;
      } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        beats++;
        i += 2;
      } else {
        break;
      }
    }
    if (i >= text.length()) {
      return new StompFrame(null, Map.of(), "", beats);
    }
    int eol = lineEnd(text, i);
    String command = stripCr(text.substring(i, eol));
    Map<String, String> headers = new LinkedHashMap<>();
    boolean escaped = !command.equals("CONNECTED");
    int pos = eol + 1;
    while (pos < text.length()) {
      int end = lineEnd(text, pos);
      String line = stripCr(text.substring(pos, end));
      pos = end + 1;
      if (line.isEmpty()) {
        break;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        String name = escaped ? unescape(line.substring(0, colon)) : line.substring(0, colon);
        String value = escaped ? unescape(line.substring(colon + 1)) : line.substring(colon + 1);
        headers.putIfAbsent(name, value);
      }
    }
    String body = pos >= text.length() ? "" : text.substring(pos);
    int nul = body.indexOf('\0');
    if (nul >= 0) {
      body = body.substring(0, nul);
    }
    return new StompFrame(command, headers, body, beats);
  }

  /** The wire form of a client frame (header values escaped). */
  static String write(String command, String... nameValues) {
    StringBuilder sb = new StringBuilder(command).append('\n');
    int n = nameValues.length - (nameValues.length % 2 == 1 ? 1 : 0);
    for (int i = 0; i < n; i += 2) {
      if (nameValues[i + 1] != null) {
        sb.append(nameValues[i]).append(':');
        sb.append(command.equals("CONNECT") ? nameValues[i + 1] : escape(nameValues[i + 1]));
        sb.append('\n');
      }
    }
    sb.append('\n');
    if (nameValues.length % 2 == 1) {
      sb.append(nameValues[nameValues.length - 1]);
    }
    return sb.append('\0').toString();
  }

  private static int lineEnd(String text, int from) {
    int eol = text.indexOf('\n', from);
    return eol < 0 ? text.length() : eol;
  }

  private static String stripCr(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  static String escape(String value) {
    if (value.indexOf('\\') < 0
        && value.indexOf('\n') < 0
        && value.indexOf('\r') < 0
        && value.indexOf(':') < 0) {
      return value;
    }
    return value
        .replace("\\", "\\\\")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace(":", "\\c");
  }

  static String unescape(String value) {
    if (value.indexOf('\\') < 0) {
      return value;
    }
    StringBuilder sb = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        char n = value.charAt(++i);
        sb.append(
            switch (n) {
              case 'n' -> '\n';
              case 'r' -> '\r';
              case 'c' -> ':';
              default -> n;
            });
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
