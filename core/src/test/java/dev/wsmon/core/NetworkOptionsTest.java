package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.core.impl.ClientKey;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.ProxyType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ConnectionOptions: trust store, client certificate and proxy keys")
class NetworkOptionsTest {

  private static final String SECRET = "N3t-Secret-91";

  private static ConnectionOptions full() {
    return new ConnectionOptions("wss://localhost:8443/feed")
        .setTrustStore("/etc/wsmon/ca.p12")
        .setTrustStoreType(StoreType.PKCS12)
        .setTrustStorePassword(SECRET + "t")
        .setKeyStore("/etc/wsmon/client.jks")
        .setKeyStoreType(StoreType.JKS)
        .setKeyStorePassword(SECRET + "k")
        .setProxy("socks5://me:" + SECRET + "@proxy.local:1080");
  }

  @Test
  @DisplayName("JSON round trip of every new key, with config spelling (lower-case types)")
  void roundTrip() {
    ConnectionOptions o = full();
    JsonObject json = o.toJson();
    assertThat(json.getString("trustStoreType")).isEqualTo("pkcs12");
    assertThat(json.getString("keyStoreType")).isEqualTo("jks");
    assertThat(new ConnectionOptions(json)).isEqualTo(o);
    assertThat(new ConnectionOptions(json).toJson()).isEqualTo(json);
    ConnectionOptions pem =
        new ConnectionOptions("wss://h/x").setCertFile("c.pem").setKeyFile("k.pem");
    assertThat(new ConnectionOptions(pem.toJson())).isEqualTo(pem);
    assertThat(new ConnectionOptions(new ConnectionOptions(o)).toJson()).isEqualTo(json);
  }

  @Test
  @DisplayName("defaults: nothing set, so the JVM trust, no client certificate, no proxy")
  void defaults() {
    ConnectionOptions o = new ConnectionOptions("wss://h/x");
    assertThat(o.getTrustStore()).isEqualTo(ConnectionOptions.DEFAULT_TRUST_STORE).isNull();
    assertThat(o.getCertFile()).isNull();
    assertThat(o.getKeyStore()).isNull();
    assertThat(o.getProxy()).isEqualTo(ConnectionOptions.DEFAULT_PROXY).isNull();
    assertThat(o.toJson().containsKey("trustStore")).isFalse();
  }

  @Test
  @DisplayName("toString and the client key's toString hide passwords and proxy credentials")
  void secretsMasked() {
    ConnectionOptions o = full();
    assertThat(o.toString()).doesNotContain(SECRET).contains("socks5://***@proxy.local:1080");
    assertThat(ClientKey.of(o).toString()).doesNotContain(SECRET);
    assertThat(ClientKey.of(o).tls().toString()).doesNotContain(SECRET).contains("***");
  }

  @Test
  @DisplayName("endpoints with another proxy or client certificate get another client")
  void clientKey() {
    ConnectionOptions a = new ConnectionOptions("wss://h/x");
    assertThat(ClientKey.of(a)).isEqualTo(ClientKey.of(new ConnectionOptions(a)));
    assertThat(ClientKey.of(new ConnectionOptions(a).setProxy("http://p:3128")))
        .isNotEqualTo(ClientKey.of(a));
    assertThat(ClientKey.of(new ConnectionOptions(a).setCertFile("c.pem").setKeyFile("k.pem")))
        .isNotEqualTo(ClientKey.of(a));
    assertThat(ClientKey.of(new ConnectionOptions(a).setTrustStore("ca.pem")))
        .isNotEqualTo(ClientKey.of(a));
    var options = ClientKey.of(full()).clientOptions(null, 1, 1000);
    assertThat(options.getProxyOptions().getType()).isEqualTo(ProxyType.SOCKS5);
    assertThat(options.getProxyOptions().getUsername()).isEqualTo("me");
    assertThat(options.getProxyOptions().getPassword()).isEqualTo(SECRET);
    assertThat(options.getTrustOptions()).isNotNull();
    assertThat(options.getKeyCertOptions()).isNotNull();
  }

  @Test
  @DisplayName("proxy URIs: http, socks5, socks4; URL-decoded credentials; clear errors")
  void proxyValidation() {
    var http =
        ClientKey.of(new ConnectionOptions("ws://h/").setProxy("http://a%40b:p%3Aw@10.0.0.1:3128"))
            .clientOptions(null, 1, 1000)
            .getProxyOptions();
    assertThat(http.getType()).isEqualTo(ProxyType.HTTP);
    assertThat(http.getUsername()).isEqualTo("a@b");
    assertThat(http.getPassword()).isEqualTo("p:w");
    assertThat(http.getPort()).isEqualTo(3128);
    ConnectionOptions o = new ConnectionOptions("ws://h/");
    assertThatThrownBy(() -> o.setProxy("https://u:" + SECRET + "@p:1"))
        .hasMessageContaining("http://, socks5:// or socks4://")
        .hasMessageNotContaining(SECRET);
    assertThatThrownBy(() -> o.setProxy("http://p")).hasMessageContaining("needs a port");
    assertThatThrownBy(() -> o.setProxy("socks4://u:" + SECRET + "@p:1080"))
        .hasMessageContaining("SOCKS4")
        .hasMessageNotContaining(SECRET);
    assertThatThrownBy(() -> o.setProxy("http://p:1/path")).hasMessageContaining("path");
    assertThatThrownBy(() -> new ConnectionOptions(new JsonObject().put("proxy", 5)))
        .hasMessageContaining("proxy");
  }

  @Test
  @DisplayName("store types: parsed, guessed from the extension, and combinations checked")
  void storeTypes() {
    assertThat(StoreType.parse("P12")).isEqualTo(StoreType.PKCS12);
    assertThat(StoreType.guess("/a/ca.crt")).isEqualTo(StoreType.PEM);
    assertThat(StoreType.guess("/a/t.JKS")).isEqualTo(StoreType.JKS);
    assertThat(StoreType.guess("/a/t.pfx")).isEqualTo(StoreType.PKCS12);
    assertThat(StoreType.guess("/a/t.bin")).isNull();
    assertThatThrownBy(() -> StoreType.parse("der")).hasMessageContaining("pem, jks or pkcs12");
    assertThatThrownBy(() -> new ConnectionOptions(new JsonObject().put("trustStoreType", "der")))
        .hasMessageContaining("trustStoreType");
    assertThatThrownBy(() -> new ConnectionOptions(new JsonObject().put("certFile", "c.pem")))
        .hasMessageContaining("certFile needs keyFile");
    assertThatThrownBy(() -> new ConnectionOptions("wss://h/").setKeyStoreType(StoreType.PEM))
        .hasMessageContaining("certFile and keyFile");
    assertThatThrownBy(
            () ->
                new ConnectionOptions(
                    new JsonObject().put("trustStore", "t.bin").put("uri", "wss://h/")))
        .hasMessageContaining("trustStoreType");
    assertThatThrownBy(() -> new ConnectionOptions("wss://h/").setTrustStore(" "))
        .hasMessageContaining("blank");
  }
}
