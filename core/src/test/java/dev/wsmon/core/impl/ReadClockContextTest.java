package dev.wsmon.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.testkit.EchoServer;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.http.WebSocketInternal;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(30)
@DisplayName("ReadClock: the end of a read runs on the socket's context")
class ReadClockContextTest {

  @Test
  @DisplayName(
      "the read's completion (Vert.x's flush, which completes the writes' futures) sees the socket's"
          + " context, so their listeners run without a hop")
  void readCompleteOnContext(Vertx vertx) {
    EchoServer server = EchoServer.deploy(vertx).await();
    Context context = vertx.getOrCreateContext();
    List<Object> seen = new CopyOnWriteArrayList<>();
    Promise<Void> echoed = Promise.promise();
    Promise<WebSocket> opened = Promise.promise();
    ReadClock clock = new ReadClock();
    WebSocketClient client = vertx.createWebSocketClient();
    context.runOnContext(
        v ->
            client
                .connect(server.port(), "127.0.0.1", "/echo")
                .onComplete(opened)
                .onSuccess(
                    ws -> {
                      clock.install(ws);
                      ((WebSocketInternal) ws)
                          .channelHandlerContext()
                          .pipeline()
                          .addAfter(
                              "wsmon-read-clock",
                              "probe",
                              new ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelReadComplete(ChannelHandlerContext ctx) {
                                  seen.add(String.valueOf(ContextInternal.current()));
                                  ctx.fireChannelReadComplete();
                                }
                              });
                      ws.textMessageHandler(
                          text -> {
                            // as ReceivePath does when it times a reply
                            clock.now();
                            if (text.equals("2")) {
                              echoed.tryComplete();
                            } else {
                              ws.writeTextMessage("2");
                            }
                          });
                      ws.writeTextMessage("1");
                    }));
    opened.future().await();
    echoed.future().await();
    client.close().await();

    // the first read's end: the context is known from the reply timed during it
    assertThat(seen).isNotEmpty().contains(String.valueOf(context));
  }
}
