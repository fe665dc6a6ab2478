package dev.wsmon.core;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A WebSocket server written on a plain TCP server: it completes the handshake and then never
 * answers anything (no pongs, no close replies) unless the test writes raw frames. With {@code
 * pauseAfterHandshake} it also stops reading, so the client's writes back up.
 */
final class RawWebSocketServer {

  private final Vertx vertx;
  private final boolean pauseAfterHandshake;
  private final Handler<NetSocket> onOpen;
  private NetServer server;

  RawWebSocketServer(Vertx vertx, boolean pauseAfterHandshake, Handler<NetSocket> onOpen) {
    this.vertx = vertx;
    this.pauseAfterHandshake = pauseAfterHandshake;
    this.onOpen = onOpen;
  }

  RawWebSocketServer start() {
    server = vertx.createNetServer().connectHandler(this::handshake);
    server.listen(0, "127.0.0.1").await();
    return this;
  }

  String uri() {
    return "ws://127.0.0.1:" + server.actualPort() + "/raw";
  }

  private void handshake(NetSocket socket) {
    Buffer request = Buffer.buffer();
    socket.handler(
        data -> {
          if (request.length() < 0 || request.toString().contains("\r\n\r\n")) {
            return;
          }
          request.appendBuffer(data);
          String text = request.toString(StandardCharsets.ISO_8859_1);
          if (!text.contains("\r\n\r\n")) {
            return;
          }
          String key = null;
          String subprotocol = "";
          for (String line : text.split("\r\n")) {
            if (line.toLowerCase().startsWith("sec-websocket-key:")) {
              key = line.substring(line.indexOf(':') + 1).trim();
            } else if (line.toLowerCase().startsWith("sec-websocket-protocol:")) {
              // the first subprotocol offered is accepted
              subprotocol =
                  "Sec-WebSocket-Protocol: "
                      + line.substring(line.indexOf(':') + 1).split(",")[0].trim()
                      + "\r\n";
            }
          }
          socket.write(
              "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + subprotocol
                  + "Sec-WebSocket-Accept: "
                  + accept(key)
                  + "\r\n\r\n");
          if (pauseAfterHandshake) {
            socket.pause();
          } else {
            socket.handler(ignored -> {});
          }
          onOpen.handle(socket);
        });
  }

  /** An unmasked server frame: FIN set, {@code opcode}, payload under 126 bytes. */
  static Buffer frame(int opcode, byte[] payload) {
    return Buffer.buffer()
        .appendByte((byte) (0x80 | opcode))
        .appendByte((byte) payload.length)
        .appendBytes(payload);
  }

  private static String accept(String key) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      byte[] digest =
          sha1.digest(
              (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
