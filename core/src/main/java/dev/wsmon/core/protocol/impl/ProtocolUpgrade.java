package dev.wsmon.core.protocol.impl;

import dev.wsmon.core.ConnectionOptions;
import java.util.List;

/** What a protocol changes in the WebSocket upgrade request: the path and the subprotocols. */
public final class ProtocolUpgrade {

  private ProtocolUpgrade() {}

  /**
   * The request path and query for {@code options}' protocol: Socket.IO gets {@code /socket.io/}
   * when the URI has no path, and {@code EIO=4&transport=websocket} when the query lacks them.
   *
   * @param options the endpoint
   * @param pathAndQuery the URI's path and query, e.g. {@code /} or {@code /feed?x=1}
   */
  public static String path(ConnectionOptions options, String pathAndQuery) {
    if (options.getProtocolOptions().getProtocol() != dev.wsmon.core.protocol.Protocol.SOCKETIO) {
      return pathAndQuery;
    }
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
    if (path.isEmpty() || path.equals("/")) {
      path = "/socket.io/";
    }
    StringBuilder sb = new StringBuilder(query);
    if (!hasParam(query, "EIO")) {
      sb.append(sb.length() == 0 ? "" : "&").append("EIO=4");
    }
    if (!hasParam(query, "transport")) {
      sb.append("&transport=websocket");
    }
    return path + "?" + sb;
  }

  private static boolean hasParam(String query, String name) {
    for (String part : query.split("&")) {
      if (part.equals(name) || part.startsWith(name + "=")) {
        return true;
      }
    }
    return false;
  }

  /** The subprotocols to offer when the endpoint names none (empty for raw and Socket.IO). */
  public static List<String> subprotocols(ConnectionOptions options) {
    return switch (options.getProtocolOptions().getProtocol()) {
      case STOMP -> List.of("v12.stomp", "v11.stomp");
      case GRAPHQL_WS -> List.of("graphql-transport-ws");
      default -> List.of();
    };
  }
}
