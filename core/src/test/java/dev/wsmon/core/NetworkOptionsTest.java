package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.core.impl.ClientKey;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.JksOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("ConnectionOptions: TLS through Vert.x TrustOptions/KeyCertOptions, proxy options")
class NetworkOptionsTest {

  private static final String SECRET = "N3t-Secret-91";

  private static ConnectionOptions full() {
    return new ConnectionOptions(
        new JsonObject()
            .put("uri", "wss://localhost:8443/feed")
            .put("trustStore", "/etc/wsmon/ca.p12")
            .put("trustStoreType", "pkcs12")
            .put("trustStorePassword", SECRET + "t")
            .put("keyStore", "/etc/wsmon/client.jks")
            .put("keyStoreType", "jks")
            .put("keyStorePassword", SECRET + "k")
            .put("proxy", "socks5://me:" + SECRET + "@proxy.local:1080"));
  }

  @Test
  @DisplayName("JSON round trip of every key, with config spelling (lower-case types)")
  void roundTrip() {
    ConnectionOptions o = full();
    JsonObject json = o.toJson();
    assertThat(json.getString("trustStoreType")).isEqualTo("pkcs12");
    assertThat(json.getString("keyStoreType")).isEqualTo("jks");
    assertThat(new ConnectionOptions(json)).isEqualTo(o);
    assertThat(new ConnectionOptions(json).toJson()).isEqualTo(json);
    ConnectionOptions pem =
        new ConnectionOptions("wss://h/x")
            .setKeyCertOptions(new PemKeyCertOptions().setCertPath("c.pem").setKeyPath("k.pem"));
    assertThat(new ConnectionOptions(pem.toJson())).isEqualTo(pem);
    assertThat(new ConnectionOptions(new ConnectionOptions(o)).toJson()).isEqualTo(json);
  }

  @Nested
  @DisplayName("TLS is set one way: the flat keys are read into Vert.x options")
  class OneWay {

    @Test
    @DisplayName("trustStore → PemTrustOptions / JksOptions / PfxOptions, type given or guessed")
    void trustStore() {
      ConnectionOptions pem =
          new ConnectionOptions(
              new JsonObject().put("uri", "wss://h/").put("trustStore", "ca.crt"));
      assertThat(pem.getTrustOptions())
          .isEqualTo(new PemTrustOptions().addCertPath("ca.crt"))
          .isInstanceOf(PemTrustOptions.class);
      ConnectionOptions jks =
          new ConnectionOptions(
              new JsonObject()
                  .put("trustStore", "t.bin")
                  .put("trustStoreType", "jks")
                  .put("trustStorePassword", "pw"));
      assertThat(jks.getTrustOptions())
          .isEqualTo(new JksOptions().setPath("t.bin").setPassword("pw"));
      ConnectionOptions pfx = new ConnectionOptions(new JsonObject().put("trustStore", "t.p12"));
      assertThat(pfx.getTrustOptions()).isEqualTo(new PfxOptions().setPath("t.p12"));
      assertThat(pfx.toJson().getString("trustStore")).isEqualTo("t.p12");
      assertThat(pfx.toJson().getString("trustStoreType")).isEqualTo("pkcs12");
    }

    @Test
    @DisplayName("certFile + keyFile → PemKeyCertOptions; keyStore → JksOptions / PfxOptions")
    void clientCertificate() {
      ConnectionOptions pem =
          new ConnectionOptions(new JsonObject().put("certFile", "c.pem").put("keyFile", "k.pem"));
      assertThat(pem.getKeyCertOptions())
          .isEqualTo(new PemKeyCertOptions().setCertPath("c.pem").setKeyPath("k.pem"));
      ConnectionOptions jks =
          new ConnectionOptions(
              new JsonObject().put("keyStore", "client.jks").put("keyStorePassword", "pw"));
      assertThat(jks.getKeyCertOptions())
          .isEqualTo(new JksOptions().setPath("client.jks").setPassword("pw"));
      ConnectionOptions pfx =
          new ConnectionOptions(
              new JsonObject().put("keyStore", "client.bin").put("keyStoreType", "p12"));
      assertThat(pfx.getKeyCertOptions()).isEqualTo(new PfxOptions().setPath("client.bin"));
    }

    @Test
    @DisplayName("options set in Java are written as the same flat keys")
    void writtenFlat() {
      JsonObject json =
          new ConnectionOptions("wss://h/")
              .setTrustOptions(new JksOptions().setPath("t.jks").setPassword("x"))
              .setKeyCertOptions(new PemKeyCertOptions().setCertPath("c.pem").setKeyPath("k.pem"))
              .toJson();
      assertThat(json.getString("trustStore")).isEqualTo("t.jks");
      assertThat(json.getString("trustStoreType")).isEqualTo("jks");
      assertThat(json.getString("trustStorePassword")).isEqualTo("x");
      assertThat(json.getString("certFile")).isEqualTo("c.pem");
      assertThat(json.getString("keyFile")).isEqualTo("k.pem");
      assertThat(json.containsKey("trustStoreOptions")).isFalse();
    }

    @Test
    @DisplayName("what one file cannot say is written as the Vert.x object and read back")
    void writtenAsObject() {
      ConnectionOptions o =
          new ConnectionOptions("wss://h/")
              .setTrustOptions(new PemTrustOptions().addCertPath("a.pem").addCertPath("b.pem"))
              .setKeyCertOptions(
                  new PemKeyCertOptions()
                      .setCertValue(Buffer.buffer("cert"))
                      .setKeyValue(Buffer.buffer(SECRET)));
      JsonObject json = o.toJson();
      assertThat(json.containsKey("pemTrustOptions")).isTrue();
      assertThat(json.containsKey("pemKeyCertOptions")).isTrue();
      assertThat(json.containsKey("trustStore")).isFalse();
      ConnectionOptions back = new ConnectionOptions(json);
      assertThat(back.getTrustOptions()).isEqualTo(o.getTrustOptions());
      assertThat(back.getKeyCertOptions()).isEqualTo(o.getKeyCertOptions());
      assertThat(back).isEqualTo(o);
      assertThat(o.toString()).doesNotContain(SECRET);
      ConnectionOptions alias =
          new ConnectionOptions("wss://h/")
              .setKeyCertOptions(new JksOptions().setPath("k.jks").setAlias("me"));
      assertThat(alias.toJson().getJsonObject("keyStoreOptions").getString("alias"))
          .isEqualTo("me");
      assertThat(new ConnectionOptions(alias.toJson())).isEqualTo(alias);
    }

    @Test
    @DisplayName("two ways at once are rejected")
    void twoWays() {
      assertThatThrownBy(
              () ->
                  new ConnectionOptions(
                      new JsonObject()
                          .put("trustStore", "ca.pem")
                          .put("pemTrustOptions", new JsonObject())))
          .hasMessageContaining("not both");
      assertThatThrownBy(
              () ->
                  new ConnectionOptions(
                      new JsonObject()
                          .put("certFile", "c.pem")
                          .put("keyFile", "k.pem")
                          .put("keyStore", "k.jks")))
          .hasMessageContaining("one way");
      assertThatThrownBy(
              () ->
                  new ConnectionOptions(
                      new JsonObject()
                          .put("keyStore", "k.jks")
                          .put("keyStoreOptions", new JsonObject().put("path", "x.jks"))))
          .hasMessageContaining("one way");
    }
  }

  @Test
  @DisplayName("defaults: nothing set, so the JVM trust, no client certificate, no proxy")
  void defaults() {
    ConnectionOptions o = new ConnectionOptions("wss://h/x");
    assertThat(o.getTrustOptions()).isNull();
    assertThat(o.getKeyCertOptions()).isNull();
    assertThat(o.getProxyOptions()).isNull();
    assertThat(o.isTrustAll()).isEqualTo(ConnectionOptions.DEFAULT_TRUST_ALL).isFalse();
    assertThat(o.isVerifyHost()).isEqualTo(ConnectionOptions.DEFAULT_VERIFY_HOST).isTrue();
    assertThat(o.toJson().containsKey("trustStore")).isFalse();
    assertThat(o.toJson().containsKey("proxy")).isFalse();
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
    assertThat(ClientKey.of(full())).isEqualTo(ClientKey.of(full()));
    assertThat(
            ClientKey.of(
                new ConnectionOptions(a)
                    .setProxyOptions(new ProxyOptions().setHost("p").setPort(3128))))
        .isNotEqualTo(ClientKey.of(a));
    assertThat(
            ClientKey.of(
                new ConnectionOptions(a)
                    .setKeyCertOptions(
                        new PemKeyCertOptions().setCertPath("c.pem").setKeyPath("k.pem"))))
        .isNotEqualTo(ClientKey.of(a));
    assertThat(
            ClientKey.of(
                new ConnectionOptions(a)
                    .setTrustOptions(new PemTrustOptions().addCertPath("ca.pem"))))
        .isNotEqualTo(ClientKey.of(a));
    var options = ClientKey.of(full()).clientOptions(1, 1000);
    assertThat(options.getProxyOptions().getType()).isEqualTo(ProxyType.SOCKS5);
    assertThat(options.getProxyOptions().getUsername()).isEqualTo("me");
    assertThat(options.getProxyOptions().getPassword()).isEqualTo(SECRET);
    assertThat(options.getTrustOptions()).isEqualTo(full().getTrustOptions());
    assertThat(options.getKeyCertOptions()).isEqualTo(full().getKeyCertOptions());
  }

  @Test
  @DisplayName("proxy URIs: http, socks5, socks4; URL-decoded credentials; clear errors")
  void proxyValidation() {
    ProxyOptions http = proxy("http://a%40b:p%3Aw@10.0.0.1:3128").getProxyOptions();
    assertThat(http.getType()).isEqualTo(ProxyType.HTTP);
    assertThat(http.getUsername()).isEqualTo("a@b");
    assertThat(http.getPassword()).isEqualTo("p:w");
    assertThat(http.getPort()).isEqualTo(3128);
    assertThatThrownBy(() -> proxy("https://u:" + SECRET + "@p:1"))
        .hasMessageContaining("http://, socks5:// or socks4://")
        .hasMessageNotContaining(SECRET);
    assertThatThrownBy(() -> proxy("http://p")).hasMessageContaining("needs a port");
    assertThatThrownBy(() -> proxy("socks4://u:" + SECRET + "@p:1080"))
        .hasMessageContaining("SOCKS4")
        .hasMessageNotContaining(SECRET);
    assertThatThrownBy(() -> proxy("http://p:1/path")).hasMessageContaining("path");
    assertThatThrownBy(() -> new ConnectionOptions(new JsonObject().put("proxy", 5)))
        .hasMessageContaining("proxy");
    assertThatThrownBy(
            () -> new ConnectionOptions().setProxyOptions(new ProxyOptions().setHost(" ")))
        .hasMessageContaining("host");
  }

  @Test
  @DisplayName("proxy options set in Java are written as the proxy URI and read back the same")
  void proxyRoundTrip() {
    for (String uri :
        new String[] {
          "http://a%40b:p%3Aw@10.0.0.1:3128",
          "socks5://me:" + SECRET + "@proxy.local:1080",
          "socks4://id@p:1080",
          "http://[::1]:3128",
          "socks5://u:a%20b%2Bc@p:1"
        }) {
      ConnectionOptions o = proxy(uri);
      assertThat(o.toJson().getString("proxy")).isEqualTo(uri);
      assertThat(new ConnectionOptions(o.toJson()).getProxyOptions().toJson())
          .isEqualTo(o.getProxyOptions().toJson());
    }
    ConnectionOptions java =
        new ConnectionOptions("ws://h/")
            .setProxyOptions(
                new ProxyOptions()
                    .setType(ProxyType.SOCKS5)
                    .setHost("p")
                    .setPort(1080)
                    .setUsername("u")
                    .setPassword("p w"));
    assertThat(java.toJson().getString("proxy")).isEqualTo("socks5://u:p%20w@p:1080");
    assertThat(new ConnectionOptions(java.toJson()).getProxyOptions().getPassword())
        .isEqualTo("p w");
  }

  private static ConnectionOptions proxy(String uri) {
    return new ConnectionOptions(new JsonObject().put("uri", "ws://h/").put("proxy", uri));
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
    assertThatThrownBy(() -> new ConnectionOptions(new JsonObject().put("keyFile", "k.pem")))
        .hasMessageContaining("keyFile needs certFile");
    assertThatThrownBy(
            () ->
                new ConnectionOptions(
                    new JsonObject().put("keyStore", "k.jks").put("keyStoreType", "pem")))
        .hasMessageContaining("certFile and keyFile");
    assertThatThrownBy(() -> new ConnectionOptions(new JsonObject().put("keyStore", "k.pem")))
        .hasMessageContaining("certFile and keyFile");
    assertThatThrownBy(
            () ->
                new ConnectionOptions(
                    new JsonObject().put("trustStore", "t.bin").put("uri", "wss://h/")))
        .hasMessageContaining("trustStoreType");
    assertThatThrownBy(() -> new ConnectionOptions(new JsonObject().put("trustStore", " ")))
        .hasMessageContaining("blank");
  }
}
