package dev.wsmon.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("FaultSpec.parse")
class FaultSpecTest {

  @Test
  @DisplayName("reads every documented spec")
  void goodSpecs() {
    FaultSpec f =
        new FaultSpec(
            List.of(
                "close-after=100:4001:going: away",
                "drop-after=50",
                "drop-after=5s",
                "reject=503:retry-after=1",
                "handshake-delay=2s",
                "no-upgrade",
                "delay=20ms",
                "no-echo",
                "no-pong",
                "banner=hi there",
                "push=10/s:gap-every=100:dup-every=50:reorder-every=70",
                "oversize=70000",
                "invalid-utf8-every=10",
                "outage=10s/30s",
                "tls"));
    assertThat(f.getCloseAfter()).isEqualTo(100);
    assertThat(f.getCloseCode()).isEqualTo(4001);
    assertThat(f.getCloseReason()).isEqualTo("going: away");
    assertThat(f.getDropAfterMessages()).isEqualTo(50);
    assertThat(f.getDropAfter()).isEqualTo(Duration.ofSeconds(5));
    assertThat(f.getRejectStatus()).isEqualTo(503);
    assertThat(f.getRetryAfterSeconds()).isEqualTo(1);
    assertThat(f.getHandshakeDelay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(f.isNoUpgrade()).isTrue();
    assertThat(f.getEchoDelay()).isEqualTo(Duration.ofMillis(20));
    assertThat(f.isNoEcho()).isTrue();
    assertThat(f.isNoPong()).isTrue();
    assertThat(f.getBanner()).isEqualTo("hi there");
    assertThat(f.getPushRate()).isEqualTo(10.0);
    assertThat(f.getPushGapEvery()).isEqualTo(100);
    assertThat(f.getPushDupEvery()).isEqualTo(50);
    assertThat(f.getPushReorderEvery()).isEqualTo(70);
    assertThat(f.getOversize()).isEqualTo(70000);
    assertThat(f.getInvalidUtf8Every()).isEqualTo(10);
    assertThat(f.getOutageDown()).isEqualTo(Duration.ofSeconds(10));
    assertThat(f.getOutageEvery()).isEqualTo(Duration.ofSeconds(30));
    assertThat(f.isTls()).isTrue();
    assertThat(new FaultSpec(f.toSpecs())).isEqualTo(f).hasSameHashCodeAs(f);
    assertThat(new FaultSpec(f)).isEqualTo(f);
    assertThat(f.toString()).startsWith("close-after=100:4001:going: away drop-after=50");
  }

  @Test
  @DisplayName("defaults: no fault; optional parts left out")
  void defaults() {
    assertThat(new FaultSpec().toSpecs()).isEmpty();
    FaultSpec f = FaultSpec.parse("close-after=1:1000");
    assertThat(f.getCloseReason()).isNull();
    assertThat(f.toSpecs()).containsExactly("close-after=1:1000");
    assertThat(FaultSpec.parse("reject=429").getRetryAfterSeconds()).isEqualTo(-1);
    assertThat(FaultSpec.parse("push=2.5/s").toSpecs()).containsExactly("push=2.5/s");
    assertThat(FaultSpec.parse("delay=15").getEchoDelay()).isEqualTo(Duration.ofMillis(15));
    assertThat(FaultSpec.parse("delay=1500ms").toSpecs()).containsExactly("delay=1500ms");
    assertThat(FaultSpec.parse("handshake-delay=1m").getHandshakeDelay())
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(FaultSpec.parse("drop-after=0.5s").getDropAfter()).isEqualTo(Duration.ofMillis(500));
    assertThat(FaultSpec.parse("NO-PONG").isNoPong()).isTrue();
    assertThat(new FaultSpec().setReject(0, 5).getRetryAfterSeconds()).isEqualTo(-1);
    assertThat(new FaultSpec().setOutage(null, null).getOutageEvery()).isNull();
    assertThat(FaultSpec.parse("outage=1h/2h").getOutageDown()).isEqualTo(Duration.ofHours(1));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "bogus",
        "no-pong=1",
        "banner",
        "banner=",
        "close-after=5",
        "close-after=x:4000",
        "close-after=5:999",
        "close-after=5:1006",
        "close-after=-2:4000",
        "drop-after=soon",
        "drop-after=-1",
        "reject=101",
        "reject=700",
        "reject=503:retry=1",
        "reject=503:retry-after=-3",
        "reject=503:retry-after=1:x",
        "delay=fast",
        "delay=-5ms",
        "handshake-delay=2 weeks",
        "push=10",
        "push=ten/s",
        "push=10/s:gap-every",
        "push=10/s:skip-every=3",
        "push=10/s:gap-every=-1",
        "push=1000000/s",
        "oversize=-1",
        "oversize=big",
        "invalid-utf8-every=-1",
        "outage=10s",
        "outage=30s/10s",
        "outage=0s/10s",
        "tls=yes"
      })
  @DisplayName("rejects bad specs with a message naming the spec")
  void badSpecs(String spec) {
    assertThatThrownBy(() -> FaultSpec.parse(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + spec + "'");
  }

  @Test
  @DisplayName("setters validate and name the value")
  void setters() {
    assertThatThrownBy(() -> new FaultSpec().setCloseAfter(1, 4000, "x".repeat(124)))
        .hasMessageContaining("123 bytes");
    assertThatThrownBy(() -> FaultSpec.parse(null)).hasMessageContaining("'null'");
    assertThatThrownBy(() -> new FaultSpec().setDropAfter(Duration.ZERO))
        .hasMessageContaining("drop-after must be positive");
    assertThatThrownBy(() -> new FaultSpec().setDropAfterMessages(-2)).hasMessageContaining("-2");
    assertThatThrownBy(() -> new FaultSpec().setHandshakeDelay(null))
        .isInstanceOf(NullPointerException.class);
    assertThat(new FaultSpec().setNoUpgrade(true).setNoEcho(true).setNoPong(true).toSpecs())
        .containsExactly("no-upgrade", "no-echo", "no-pong");
  }
}
