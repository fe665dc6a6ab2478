package dev.wsmon.runner.load;

import java.util.ArrayList;
import java.util.List;

/**
 * A text with {@code {conn}} (the connection number, from 1) and {@code {seq}} (a per-connection
 * sequence number, from 1) placeholders, used in the payload, the headers and the URI. Compiled
 * once; rendering only concatenates.
 */
public final class Template {

  private static final String CONN = "{conn}";
  private static final String SEQ = "{seq}";

  private final String text;
  private final String[] literals;
  private final boolean[] isSeq;
  private final boolean usesSeq;
  private final boolean usesConn;

  private Template(String text) {
    this.text = text;
    List<String> parts = new ArrayList<>();
    List<Boolean> kinds = new ArrayList<>();
    int from = 0;
    boolean seq = false;
    boolean conn = false;
    while (true) {
      int c = text.indexOf(CONN, from);
      int s = text.indexOf(SEQ, from);
      int next = c < 0 ? s : s < 0 ? c : Math.min(c, s);
      if (next < 0) {
        break;
      }
      parts.add(text.substring(from, next));
      boolean isSeqHere = next == s;
      kinds.add(isSeqHere);
      seq |= isSeqHere;
      conn |= !isSeqHere;
      from = next + (isSeqHere ? SEQ.length() : CONN.length());
    }
    parts.add(text.substring(from));
    this.literals = parts.toArray(new String[0]);
    this.isSeq = new boolean[kinds.size()];
    for (int i = 0; i < kinds.size(); i++) {
      isSeq[i] = kinds.get(i);
    }
    this.usesSeq = seq;
    this.usesConn = conn;
  }

  /** Compiles {@code text}. */
  public static Template of(String text) {
    return new Template(text == null ? "" : text);
  }

  /** The text as given. */
  public String text() {
    return text;
  }

  /** Whether the text has a {@code {seq}} placeholder (so each message differs). */
  public boolean usesSeq() {
    return usesSeq;
  }

  /** Whether the text has any placeholder. */
  public boolean isConstant() {
    return !usesSeq && !usesConn;
  }

  /** The text with {@code {conn}} and {@code {seq}} replaced. */
  public String render(int conn, long seq) {
    if (isSeq.length == 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < isSeq.length; i++) {
      out.append(literals[i]);
      if (isSeq[i]) {
        out.append(seq);
      } else {
        out.append(conn);
      }
    }
    return out.append(literals[literals.length - 1]).toString();
  }

  @Override
  public String toString() {
    return text;
  }
}
