package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("BinaryId: the id of a binary request at a byte offset")
class BinaryIdTest {

  @Test
  @DisplayName("binary:OFFSET:LEN parses, prints and round-trips through ConnectionOptions JSON")
  void parses() {
    Correlation c = Correlation.parse("binary:4:2");
    assertThat(c.kind()).isEqualTo(Correlation.Kind.BINARY);
    assertThat(c.binaryId()).isEqualTo(BinaryId.of(4, 2));
    assertThat(c.toString()).isEqualTo("binary:4:2");
    ConnectionOptions o =
        new ConnectionOptions().setSendOptions(new SendOptions().setCorrelation(c));
    assertThat(new ConnectionOptions(o.toJson()).getSendOptions().getCorrelation()).isEqualTo(c);
  }

  @Test
  @DisplayName("bad offsets and lengths fail naming the value")
  void rejects() {
    assertThatThrownBy(() -> Correlation.parse("binary:-1:4")).hasMessageContaining("-1");
    assertThatThrownBy(() -> Correlation.parse("binary:x:4")).hasMessageContaining("'x'");
    assertThatThrownBy(() -> Correlation.parse("binary:0:9")).hasMessageContaining("9");
    assertThatThrownBy(() -> Correlation.parse("binary:0:0")).hasMessageContaining("0");
    assertThatThrownBy(() -> Correlation.parse("binary:4")).hasMessageContaining("binary:4");
  }

  @Test
  @DisplayName("stamp writes the sequence big-endian modulo 256^LEN; keyOf reads it back")
  void stampsAndReads() {
    BinaryId id = BinaryId.of(1, 2);
    byte[] template = {9, 9, 9, 9};
    Buffer a = id.stamp(template, 0x0102);
    assertThat(a.getBytes()).containsExactly(9, 1, 2, 9);
    assertThat(template).containsExactly(9, 9, 9, 9);
    Buffer wrapped = id.stamp(template, 0x10102);
    assertThat(id.keyOf(wrapped)).isEqualTo(id.keyOf(a));
    assertThat(id.keyOf(id.stamp(template, 3))).isNotEqualTo(id.keyOf(a));
    assertThat(id.keyOf(Buffer.buffer(new byte[] {1, 2}))).isNull();
    assertThatThrownBy(() -> id.stamp(new byte[2], 1)).hasMessageContaining("2 bytes");
  }
}
