package dev.wsmon.testkit.impl;

import dev.wsmon.testkit.FaultSpec;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.vertx.core.internal.http.WebSocketInternal;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** One accepted WebSocket of the echo server; all methods run on the server's event loop. */
public final class EchoConnection {

  private static final int MAX_PUSH_BURST = 1000;

  private final Vertx vertx;
  private final ServerWebSocket ws;
  private final ChannelHandlerContext chctx;
  private final Supplier<FaultSpec> faults;
  private final ServerCounters counters;
  private final Consumer<EchoConnection> onClosed;
  private int received;
  private int textEchoes;
  private boolean ending;
  private long dropTimer = -1;
  private long pushTimer = -1;
  private PushSequencer sequencer;
  private long pushStartNanos;
  private long pushed;

  public EchoConnection(
      Vertx vertx,
      ServerWebSocket ws,
      Supplier<FaultSpec> faults,
      ServerCounters counters,
      Consumer<EchoConnection> onClosed) {
    this.vertx = vertx;
    this.ws = ws;
    this.chctx = ((WebSocketInternal) ws).channelHandlerContext();
    this.faults = faults;
    this.counters = counters;
    this.onClosed = onClosed;
  }

  /** Installs the handlers and applies the on-open faults. */
  public void open() {
    ChannelPipeline pipeline = chctx.pipeline();
    if (pipeline.get(PingFilter.NAME) == null) {
      pipeline.addBefore(chctx.name(), PingFilter.NAME, new PingFilter(faults, counters));
    }
    ws.textMessageHandler(this::onText);
    ws.binaryMessageHandler(this::onBinary);
    ws.frameHandler(this::onFrame);
    ws.exceptionHandler(t -> {});
    ws.closeHandler(v -> closed());
    FaultSpec f = faults.get();
    if (f.getBanner() != null) {
      sendText(f.getBanner());
    }
    if (f.getOversize() > 0) {
      sendText("x".repeat(f.getOversize()));
    }
    if (f.getDropAfter() != null) {
      dropTimer = vertx.setTimer(f.getDropAfter().toMillis(), t -> drop());
    }
    if (f.getPushRate() > 0) {
      startPush(f);
    }
    afterMessage(f, Future.succeededFuture());
  }

  private void onFrame(WebSocketFrame frame) {
    if (frame.isClose() && !ending) {
      int code = frame.closeStatusCode();
      counters.closeCodeReceived(code < 0 ? 1005 : code);
    }
  }

  private void onText(String text) {
    counters.textMessagesReceived.increment();
    counters.textBytesReceived.add(ServerCounters.utf8Length(text));
    received++;
    FaultSpec f = faults.get();
    later(f, () -> afterMessage(f, f.isNoEcho() ? Future.succeededFuture() : echoText(text, f)));
  }

  private void onBinary(Buffer data) {
    counters.binaryMessagesReceived.increment();
    counters.binaryBytesReceived.add(data.length());
    received++;
    FaultSpec f = faults.get();
    later(f, () -> afterMessage(f, f.isNoEcho() ? Future.succeededFuture() : echoBinary(data)));
  }

  private void later(FaultSpec f, Runnable action) {
    if (ending) {
      return;
    }
    long delay = f.getEchoDelay().toMillis();
    if (delay <= 0) {
      action.run();
    } else {
      vertx.setTimer(
          delay,
          t -> {
            if (!ending && !ws.isClosed()) {
              action.run();
            }
          });
    }
  }

  private Future<Void> echoText(String text, FaultSpec f) {
    int every = f.getInvalidUtf8Every();
    if (every > 0 && ++textEchoes % every == 0) {
      byte[] valid = text.getBytes(StandardCharsets.UTF_8);
      byte[] bytes = new byte[valid.length + 1];
      System.arraycopy(valid, 0, bytes, 0, valid.length);
      bytes[valid.length] = (byte) 0xFF;
      counters.textSent(bytes.length);
      return ws.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, bytes, true));
    }
    return sendText(text);
  }

  private Future<Void> echoBinary(Buffer data) {
    counters.binarySent(data.length());
    return ws.writeBinaryMessage(data);
  }

  private Future<Void> sendText(String text) {
    counters.textSent(ServerCounters.utf8Length(text));
    return ws.writeTextMessage(text);
  }

  private void afterMessage(FaultSpec f, Future<Void> written) {
    if (ending) {
      return;
    }
    if (f.getCloseAfter() >= 0 && received >= f.getCloseAfter()) {
      ending = true;
      ws.close((short) f.getCloseCode(), f.getCloseReason());
    } else if (f.getDropAfterMessages() >= 0 && received >= f.getDropAfterMessages()) {
      ending = true;
      written.onComplete(ar -> drop());
    }
  }

  private void startPush(FaultSpec f) {
    sequencer =
        new PushSequencer(f.getPushGapEvery(), f.getPushDupEvery(), f.getPushReorderEvery());
    double rate = f.getPushRate();
    long period = Math.max(1, (long) (1000 / rate));
    pushStartNanos = System.nanoTime();
    pushTimer = vertx.setPeriodic(period, t -> push(rate));
  }

  private void push(double rate) {
    if (ending || ws.isClosed()) {
      return;
    }
    double elapsedSeconds = (System.nanoTime() - pushStartNanos) / 1e9;
    long due = Math.min((long) Math.floor(rate * elapsedSeconds) - pushed, MAX_PUSH_BURST);
    for (long i = 0; i < due && !ws.writeQueueFull(); i++) {
      long seq = sequencer.next();
      sendText(new JsonObject().put("seq", seq).put("ts", System.currentTimeMillis()).encode());
      pushed++;
    }
    if (due >= MAX_PUSH_BURST || ws.writeQueueFull()) {
      pushed = (long) Math.floor(rate * elapsedSeconds);
    }
  }

  /**
   * Drops the TCP connection without a close frame. The close starts below Vert.x's handler, which
   * would otherwise turn it into a close frame with code 1000.
   */
  public void drop() {
    ending = true;
    ChannelHandlerContext below = chctx.pipeline().context(PingFilter.NAME);
    (below != null ? below : chctx.pipeline().firstContext()).close();
  }

  private void closed() {
    ending = true;
    if (dropTimer >= 0) {
      vertx.cancelTimer(dropTimer);
    }
    if (pushTimer >= 0) {
      vertx.cancelTimer(pushTimer);
    }
    counters.connectionsClosed.increment();
    onClosed.accept(this);
  }
}
