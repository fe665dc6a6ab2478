package dev.wsmon.core.protocol;

import java.util.Locale;

/**
 * The protocol a connection speaks over its WebSocket. Everything but {@link #RAW} adds a protocol
 * handshake (a connection counts as a success only once it completed), heartbeats and a {@code
 * protocol} block in the stats; see {@code docs/protocols.md}.
 */
public enum Protocol {
  /** Plain WebSocket messages (the default). */
  RAW("raw"),
  /** Socket.IO v5 over Engine.IO v4, websocket transport only. */
  SOCKETIO("socketio"),
  /** STOMP 1.2 (subprotocols {@code v12.stomp}, {@code v11.stomp}). */
  STOMP("stomp"),
  /** GraphQL over WebSocket, subprotocol {@code graphql-transport-ws}. */
  GRAPHQL_WS("graphql-ws");

  private final String configName;

  Protocol(String configName) {
    this.configName = configName;
  }

  /** The name in config, on the command line and in the stats: {@code raw}, {@code socketio}… */
  public String configName() {
    return configName;
  }

  /**
   * Parses a config name (case-insensitive).
   *
   * @param text {@code raw}, {@code socketio}, {@code stomp} or {@code graphql-ws}
   * @return the protocol
   * @throws IllegalArgumentException naming the text when it is none of these
   */
  public static Protocol parse(String text) {
    if (text != null) {
      String t = text.trim().toLowerCase(Locale.ROOT);
      for (Protocol p : values()) {
        if (p.configName.equals(t) || p.name().toLowerCase(Locale.ROOT).equals(t)) {
          return p;
        }
      }
    }
    throw new IllegalArgumentException(
        "protocol must be raw, socketio, stomp or graphql-ws, got '" + text + "'");
  }
}
