package dev.wsmon.core;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Where the correlation id of a binary message sits: {@link #length()} bytes at byte {@link
 * #offset()} of the message, the same place in a request and in its reply (config form {@code
 * binary:OFFSET:LEN}). The id is an unsigned big-endian number of 1 to {@value #MAX_LENGTH} bytes;
 * {@link #stamp(byte[], long)} writes a sequence number there, so every request of a connection
 * carries its own id (modulo 256<sup>LEN</sup>).
 */
public final class BinaryId {

  /** The longest id, in bytes: {@value}. */
  public static final int MAX_LENGTH = 8;

  /** The largest offset, in bytes: {@value} (1 MiB). */
  public static final int MAX_OFFSET = 1 << 20;

  private final int offset;
  private final int length;

  private BinaryId(int offset, int length) {
    this.offset = offset;
    this.length = length;
  }

  /**
   * An id of {@code length} bytes at byte {@code offset}.
   *
   * @param offset the first byte of the id, 0 to {@value #MAX_OFFSET}
   * @param length the id's length in bytes, 1 to {@value #MAX_LENGTH}
   * @return the id position
   * @throws IllegalArgumentException naming the bad value
   */
  public static BinaryId of(int offset, int length) {
    if (offset < 0 || offset > MAX_OFFSET) {
      throw new IllegalArgumentException(
          "binary id offset must be 0 to " + MAX_OFFSET + ", got " + offset);
    }
    if (length < 1 || length > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "binary id length must be 1 to " + MAX_LENGTH + " bytes, got " + length);
    }
    return new BinaryId(offset, length);
  }

  /**
   * Parses {@code OFFSET:LEN} (the part after {@code binary:}).
   *
   * @param text the text
   * @return the id position
   * @throws IllegalArgumentException naming the text when it is malformed or out of range
   */
  public static BinaryId parse(String text) {
    String t = text == null ? "" : text.trim();
    int colon = t.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "binary correlation must be binary:OFFSET:LEN, got 'binary:" + text + "'");
    }
    int offset = number(t.substring(0, colon), "offset", text);
    int length = number(t.substring(colon + 1), "length", text);
    return of(offset, length);
  }

  private static int number(String part, String what, String text) {
    try {
      return Integer.parseInt(part.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "binary id "
              + what
              + " must be a whole number, got '"
              + part
              + "' in 'binary:"
              + text
              + "'");
    }
  }

  /** The first byte of the id. */
  public int offset() {
    return offset;
  }

  /** The id's length in bytes. */
  public int length() {
    return length;
  }

  /** The shortest message that holds the id: {@code offset + length} bytes. */
  public int minMessageLength() {
    return offset + length;
  }

  /**
   * The correlation key of a binary message: its id bytes, or {@code null} when the message is too
   * short to hold them.
   *
   * @param message a request or reply
   * @return the key, or {@code null}
   */
  public String keyOf(Buffer message) {
    if (message == null || message.length() < offset + length) {
      return null;
    }
    return message.getString(offset, offset + length, StandardCharsets.ISO_8859_1.name());
  }

  /**
   * A copy of {@code template} with {@code seq} written at the id's place, unsigned big-endian,
   * modulo 256<sup>LEN</sup>.
   *
   * @param template the payload, at least {@link #minMessageLength()} bytes
   * @param seq the sequence number
   * @return the new message
   * @throws IllegalArgumentException when the template is too short
   */
  public Buffer stamp(byte[] template, long seq) {
    if (template.length < offset + length) {
      throw new IllegalArgumentException(
          "binary payload of "
              + template.length
              + " bytes is shorter than the id's end "
              + (offset + length));
    }
    byte[] copy = template.clone();
    long v = seq;
    for (int i = offset + length - 1; i >= offset; i--) {
      copy[i] = (byte) v;
      v >>>= 8;
    }
    return Buffer.buffer(copy);
  }

  /** The config form without the prefix: {@code OFFSET:LEN}. */
  @Override
  public String toString() {
    return offset + ":" + length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BinaryId other && offset == other.offset && length == other.length;
  }

  @Override
  public int hashCode() {
    return 31 * offset + length;
  }
}
