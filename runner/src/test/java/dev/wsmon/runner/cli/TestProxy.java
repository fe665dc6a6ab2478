package dev.wsmon.runner.cli;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Small real proxies for tests, on 127.0.0.1, built on a Vert.x {@link NetServer}: an HTTP CONNECT
 * proxy (Basic auth) and a SOCKS5 proxy (RFC 1928, user/password auth per RFC 1929). Both record
 * the targets of the tunnels they opened and count the clients they turned away.
 */
final class TestProxy {

  /** The {@code host:port} targets of the tunnels opened, in order. */
  final List<String> tunnels = new CopyOnWriteArrayList<>();

  /** Clients rejected for bad or missing credentials. */
  final AtomicInteger rejected = new AtomicInteger();

  /** Requests this proxy does not support (e.g. a plain GET to an HTTP proxy). */
  final List<String> unsupported = new CopyOnWriteArrayList<>();

  private final Vertx vertx;
  private final boolean socks;
  private final String user;
  private final String password;
  private NetServer server;
  private NetClient client;

  private TestProxy(Vertx vertx, boolean socks, String user, String password) {
    this.vertx = vertx;
    this.socks = socks;
    this.user = user;
    this.password = password;
  }

  static TestProxy http(Vertx vertx, String user, String password) {
    return new TestProxy(vertx, false, user, password).start();
  }

  static TestProxy socks5(Vertx vertx, String user, String password) {
    return new TestProxy(vertx, true, user, password).start();
  }

  private TestProxy start() {
    client = vertx.createNetClient();
    server =
        vertx
            .createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0))
            .connectHandler(socks ? this::socks : this::http);
    server.listen().await();
    return this;
  }

  int port() {
    return server.actualPort();
  }

  void close() {
    server.close().await();
    client.close().await();
  }

  // ---- HTTP CONNECT

  private void http(NetSocket in) {
    Buffer head = Buffer.buffer();
    in.handler(
        data -> {
          head.appendBuffer(data);
          String text = head.toString(StandardCharsets.ISO_8859_1);
          int end = text.indexOf("\r\n\r\n");
          if (end < 0) {
            return;
          }
          in.handler(null);
          in.pause();
          String[] lines = text.substring(0, end).split("\r\n");
          String[] request = lines[0].split(" ");
          if (!request[0].equals("CONNECT")) {
            unsupported.add(lines[0]);
            in.write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
                .onComplete(v -> in.close());
            return;
          }
          if (user != null && !authorised(lines)) {
            rejected.incrementAndGet();
            in.write(
                    "HTTP/1.1 407 Proxy Authentication Required\r\n"
                        + "Proxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n\r\n")
                .onComplete(v -> in.close());
            return;
          }
          Buffer rest = head.getBuffer(end + 4, head.length());
          String target = request[1];
          int colon = target.lastIndexOf(':');
          tunnel(
              in,
              target.substring(0, colon),
              Integer.parseInt(target.substring(colon + 1)),
              Buffer.buffer("HTTP/1.1 200 Connection established\r\n\r\n"),
              rest);
        });
  }

  private boolean authorised(String[] lines) {
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon > 0
          && line.substring(0, colon).trim().equalsIgnoreCase("Proxy-Authorization")
          && line.substring(colon + 1).trim().equals(expected)) {
        return true;
      }
    }
    return false;
  }

  // ---- SOCKS5

  private void socks(NetSocket in) {
    Buffer[] buf = {Buffer.buffer()};
    int[] state = {0}; // 0 greeting, 1 auth, 2 request, 3 done
    in.handler(
        data -> {
          buf[0].appendBuffer(data);
          while (state[0] < 3) {
            int used = socksStep(in, buf[0], state);
            if (used <= 0) {
              return;
            }
            buf[0] = buf[0].getBuffer(used, buf[0].length());
          }
        });
  }

  /** Consumes one SOCKS message from {@code buf}; returns the bytes used, 0 when incomplete. */
  private int socksStep(NetSocket in, Buffer buf, int[] state) {
    int n = buf.length();
    switch (state[0]) {
      case 0 -> {
        if (n < 2 || n < 2 + buf.getUnsignedByte(1)) {
          return 0;
        }
        int methods = buf.getUnsignedByte(1);
        boolean offersPassword = false;
        boolean offersNone = false;
        for (int i = 0; i < methods; i++) {
          offersPassword |= buf.getUnsignedByte(2 + i) == 2;
          offersNone |= buf.getUnsignedByte(2 + i) == 0;
        }
        if (user != null && offersPassword) {
          in.write(Buffer.buffer(new byte[] {5, 2}));
          state[0] = 1;
        } else if (user == null && offersNone) {
          in.write(Buffer.buffer(new byte[] {5, 0}));
          state[0] = 2;
        } else {
          rejected.incrementAndGet();
          in.write(Buffer.buffer(new byte[] {5, (byte) 0xFF})).onComplete(v -> in.close());
          state[0] = 3;
        }
        return 2 + methods;
      }
      case 1 -> {
        if (n < 2) {
          return 0;
        }
        int ulen = buf.getUnsignedByte(1);
        if (n < 3 + ulen || n < 3 + ulen + buf.getUnsignedByte(2 + ulen)) {
          return 0;
        }
        int plen = buf.getUnsignedByte(2 + ulen);
        String u = buf.getString(2, 2 + ulen, "UTF-8");
        String p = buf.getString(3 + ulen, 3 + ulen + plen, "UTF-8");
        if (u.equals(user) && p.equals(password)) {
          in.write(Buffer.buffer(new byte[] {1, 0}));
          state[0] = 2;
        } else {
          rejected.incrementAndGet();
          in.write(Buffer.buffer(new byte[] {1, 1})).onComplete(v -> in.close());
          state[0] = 3;
        }
        return 3 + ulen + plen;
      }
      case 2 -> {
        if (n < 5) {
          return 0;
        }
        int atyp = buf.getUnsignedByte(3);
        int addrLen =
            switch (atyp) {
              case 1 -> 4;
              case 3 -> 1 + buf.getUnsignedByte(4);
              case 4 -> 16;
              default -> -1;
            };
        if (addrLen < 0) {
          in.close();
          state[0] = 3;
          return 0;
        }
        int total = 4 + addrLen + 2;
        if (n < total) {
          return 0;
        }
        String host;
        if (atyp == 3) {
          host = buf.getString(5, 5 + addrLen - 1, "US-ASCII");
        } else if (atyp == 1) {
          host =
              buf.getUnsignedByte(4)
                  + "."
                  + buf.getUnsignedByte(5)
                  + "."
                  + buf.getUnsignedByte(6)
                  + "."
                  + buf.getUnsignedByte(7);
        } else {
          host = "::1";
        }
        int port = buf.getUnsignedShort(4 + addrLen);
        in.handler(null);
        in.pause();
        state[0] = 3;
        tunnel(
            in,
            host,
            port,
            Buffer.buffer(new byte[] {5, 0, 0, 1, 0, 0, 0, 0, 0, 0}),
            buf.getBuffer(total, n));
        return total;
      }
      default -> {
        return 0;
      }
    }
  }

  // ---- both

  private void tunnel(NetSocket in, String host, int port, Buffer reply, Buffer rest) {
    Future<NetSocket> out = client.connect(port, host);
    out.onFailure(
        t -> {
          byte[] fail = socks ? new byte[] {5, 5, 0, 1, 0, 0, 0, 0, 0, 0} : null;
          (fail != null
                  ? in.write(Buffer.buffer(fail))
                  : in.write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n"))
              .onComplete(v -> in.close());
        });
    out.onSuccess(
        target -> {
          tunnels.add(host + ":" + port);
          in.write(reply);
          if (rest.length() > 0) {
            target.write(rest);
          }
          in.handler(target::write);
          target.handler(in::write);
          in.closeHandler(v -> target.close());
          target.closeHandler(v -> in.close());
          in.resume();
        });
  }
}
