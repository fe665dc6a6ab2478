package dev.wsmon.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.junit5.VertxExtension;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
@DisplayName("the warm-up's handshakes")
class WarmUpHandshakesTest {

  @Test
  @DisplayName("ws: bursts until converged, within the bounds, then the caller's step on the port")
  void plain(Vertx vertx) {
    List<Integer> ports = new ArrayList<>();
    WarmUpHandshakes.Plain p =
        WarmUpHandshakes.plain(
                vertx,
                port -> {
                  ports.add(port);
                  return Future.succeededFuture();
                })
            .await();
    assertThat(p.bursts()).isBetween(WarmUpConvergence.MIN_BURSTS, WarmUpConvergence.MAX_BURSTS);
    assertThat(p.handshakes()).isEqualTo(2 + p.bursts() * WarmUpHandshakes.PARALLEL);
    assertThat(ports).hasSize(1).allMatch(port -> port > 0);
  }

  @Test
  @DisplayName("ws: a failing step fails it (the caller goes on cold)")
  void plainFails(Vertx vertx) {
    Future<WarmUpHandshakes.Plain> f =
        WarmUpHandshakes.plain(vertx, port -> Future.failedFuture("no connection"));
    assertThat(f.transform(ar -> Future.succeededFuture(ar.failed())).await()).isTrue();
  }

  @Test
  @DisplayName("wss: handshakes against the bundled JKS certificate succeed")
  void tls(Vertx vertx) {
    assertThat(
            WarmUpHandshakes.tls(vertx).transform(ar -> Future.succeededFuture(ar.cause())).await())
        .isNull();
  }

  @Test
  @DisplayName("ws: a failed handshake in a burst fails it only after every other one has ended")
  void plainWaitsForTheWholeBurst(Vertx vertx) {
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger echoed = new AtomicInteger();
    HttpServer server =
        vertx
            .createHttpServer()
            .webSocketHandler(
                ws -> {
                  // the first handshake of the first burst is cut; the others answer late
                  if (accepted.incrementAndGet() == 3) {
                    ws.close((short) 1011);
                    return;
                  }
                  ws.textMessageHandler(
                      text ->
                          vertx.setTimer(
                              300,
                              t ->
                                  ws.writeTextMessage(text)
                                      .onSuccess(v -> echoed.incrementAndGet())));
                });
    Future<WarmUpHandshakes.Plain> f =
        WarmUpHandshakes.plain(vertx, server, port -> Future.succeededFuture());
    assertThat(f.transform(ar -> Future.succeededFuture(ar.failed())).await()).isTrue();
    assertThat(accepted.get()).isEqualTo(2 + WarmUpHandshakes.PARALLEL);
    assertThat(echoed.get()).isEqualTo(accepted.get() - 1);
  }

  @Test
  @DisplayName("wss: each endpoint's own trust manager sees a handshake, and rejecting it is fine")
  void tlsWithTheEndpointsTrust(Vertx vertx) {
    List<String> checked = new CopyOnWriteArrayList<>();
    X509TrustManager rejecting =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType)
              throws CertificateException {
            checked.add(chain[0].getSubjectX500Principal().getName());
            throw new CertificateException("not this user's CA");
          }

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    WebSocketClientOptions endpoint =
        new WebSocketClientOptions()
            .setVerifyHost(true)
            .setTrustOptions(TrustOptions.wrap(rejecting));
    assertThat(
            WarmUpHandshakes.tls(
                    vertx, List.of(new WarmUpHandshakes.TlsEndpoint(endpoint, "localhost")))
                .transform(ar -> Future.succeededFuture(ar.cause()))
                .await())
        .isNull();
    assertThat(checked).containsExactly("CN=wsmon-warm-up");
  }

  @Test
  @DisplayName(
      "an endpoint's own handshake goes to the in-process server, never to the endpoint's host")
  void tlsNeverDialsTheEndpointsHost(Vertx vertx) {
    List<String> checked = new CopyOnWriteArrayList<>();
    X509TrustManager recording =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {
            checked.add(chain[0].getSubjectX500Principal().getName());
          }

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    WebSocketClientOptions endpoint =
        new WebSocketClientOptions().setTrustOptions(TrustOptions.wrap(recording));
    // a host that resolves nowhere: dialled, the handshake would never reach a certificate
    WarmUpHandshakes.tls(
            vertx, List.of(new WarmUpHandshakes.TlsEndpoint(endpoint, "wsmon-target.invalid")))
        .await();
    assertThat(checked).containsExactly("CN=wsmon-warm-up");
  }

  @Test
  @DisplayName(
      "wss endpoints: one per distinct client setting, with the URI's host; ws ones left out")
  void tlsEndpoints() {
    List<WarmUpHandshakes.TlsEndpoint> endpoints =
        WarmUpHandshakes.TlsEndpoint.of(
            List.of(
                new ConnectionOptions("ws://127.0.0.1:1/"),
                new ConnectionOptions("wss://localhost:2/a").setVerifyHost(true),
                new ConnectionOptions("wss://localhost:3/b").setVerifyHost(true),
                new ConnectionOptions("wss://example.test:4/").setTrustAll(true)));
    assertThat(endpoints)
        .extracting(WarmUpHandshakes.TlsEndpoint::host)
        .containsExactly("localhost", "example.test");
    assertThat(endpoints.get(0).options().isVerifyHost()).isTrue();
    assertThat(endpoints.get(1).options().isTrustAll()).isTrue();
  }

  @Test
  @DisplayName(
      "a wss endpoint behind a proxy is warmed with its TLS settings, not through its proxy")
  void tlsEndpointWithoutItsProxy() {
    List<WarmUpHandshakes.TlsEndpoint> endpoints =
        WarmUpHandshakes.TlsEndpoint.of(
            List.of(
                new ConnectionOptions("wss://localhost:2/")
                    .setTrustAll(true)
                    .setProxyOptions(
                        new ProxyOptions()
                            .setHost("127.0.0.1")
                            .setPort(3128)
                            .setUsername("user")
                            .setPassword("secret"))));
    assertThat(endpoints).hasSize(1);
    assertThat(endpoints.get(0).options().getProxyOptions()).isNull();
    assertThat(endpoints.get(0).options().isTrustAll()).isTrue();
  }
}
