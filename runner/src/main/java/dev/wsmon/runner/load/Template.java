package dev.wsmon.runner.load;

import dev.wsmon.wrapper.PayloadTemplate;

/**
 * A text with {@code {conn}} (the connection number, from 1) and {@code {seq}} (a per-connection
 * sequence number, from 1) placeholders, used in the payload, the headers and the URI: the {@code
 * {conn}}/{@code {seq}} subset of the one template engine, {@link PayloadTemplate} (other brace
 * text stays literal). Compiled once; rendering only concatenates.
 */
public final class Template {

  private final PayloadTemplate template;

  private Template(String text) {
    this.template = PayloadTemplate.connSeq(text);
  }

  /** Compiles {@code text}. */
  public static Template of(String text) {
    return new Template(text == null ? "" : text);
  }

  /** The text as given. */
  public String text() {
    return template.text();
  }

  /** Whether the text has a {@code {seq}} placeholder (so each message differs). */
  public boolean usesSeq() {
    return template.usesSeq();
  }

  /** Whether the text has any placeholder. */
  public boolean isConstant() {
    return template.isConstant();
  }

  /** The text with {@code {conn}} and {@code {seq}} replaced. */
  public String render(int conn, long seq) {
    return template.render(conn, seq);
  }

  @Override
  public String toString() {
    return template.text();
  }
}
