package dev.wsmon.runner.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TemplateTest {

  @Test
  void replacesConnAndSeq() {
    Template t = Template.of("{\"c\":{conn},\"s\":{seq},\"again\":\"{conn}-{seq}\"}");
    assertThat(t.render(3, 42)).isEqualTo("{\"c\":3,\"s\":42,\"again\":\"3-42\"}");
    assertThat(t.usesSeq()).isTrue();
    assertThat(t.isConstant()).isFalse();
  }

  @Test
  void constantTextIsReturnedAsIs() {
    Template t = Template.of("hello {world}");
    assertThat(t.render(1, 1)).isSameAs(t.text());
    assertThat(t.isConstant()).isTrue();
    assertThat(t.usesSeq()).isFalse();
  }

  @Test
  void connOnly() {
    Template t = Template.of("ws://h/{conn}");
    assertThat(t.render(7, 99)).isEqualTo("ws://h/7");
    assertThat(t.usesSeq()).isFalse();
    assertThat(t.isConstant()).isFalse();
  }

  @Test
  void placeholdersAtEdgesAndAdjacent() {
    assertThat(Template.of("{seq}{conn}").render(2, 5)).isEqualTo("52");
    assertThat(Template.of("").render(2, 5)).isEmpty();
    assertThat(Template.of(null).render(2, 5)).isEmpty();
  }
}
