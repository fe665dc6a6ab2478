package dev.wsmon.core.impl;

import io.vertx.core.buffer.Buffer;

/**
 * UTF-8 helpers that allocate nothing: the encoded length of a string and a streaming validator.
 */
public final class Utf8 {

  private int need;
  private int lower = 0x80;
  private int upper = 0xBF;
  private boolean invalid;

  /** The number of bytes {@code s} takes in UTF-8 (unpaired surrogates count as '?', 1 byte). */
  public static long length(String s) {
    int n = s.length();
    long bytes = n;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        continue;
      }
      if (c < 0x800) {
        bytes += 1;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 2;
        i++;
      } else if (Character.isSurrogate(c)) {
        continue;
      } else {
        bytes += 2;
      }
    }
    return bytes;
  }

  /** Feeds the next bytes of a message. */
  public void feed(Buffer data) {
    int n = data.length();
    for (int i = 0; i < n && !invalid; i++) {
      feed(data.getByte(i) & 0xFF);
    }
  }

  private void feed(int c) {
    if (need == 0) {
      if (c < 0x80) {
        return;
      }
      if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
      } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        lower = c == 0xE0 ? 0xA0 : 0x80;
        upper = c == 0xED ? 0x9F : 0xBF;
      } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        lower = c == 0xF0 ? 0x90 : 0x80;
        upper = c == 0xF4 ? 0x8F : 0xBF;
      } else {
        invalid = true;
      }
      return;
    }
    if (c < lower || c > upper) {
      invalid = true;
      return;
    }
    lower = 0x80;
    upper = 0xBF;
    need--;
  }

  /** Ends the message: true when every byte fed since the last call formed valid UTF-8. */
  public boolean finish() {
    boolean valid = !invalid && need == 0;
    need = 0;
    lower = 0x80;
    upper = 0xBF;
    invalid = false;
    return valid;
  }
}
