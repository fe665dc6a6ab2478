package dev.wsmon.runner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("@FILE payloads: one reader for --send and scenario steps, the same problems named")
class PayloadFileTest {

  @TempDir Path dir;

  private static final Function<String, ConfigException> AS_IS = ConfigException::new;

  @Test
  @DisplayName("reads bytes, and text only when it is UTF-8")
  void reads() throws Exception {
    Path text = Files.writeString(dir.resolve("a.json"), "{\"é\":{seq}}");
    assertThat(PayloadFile.text(text, AS_IS)).isEqualTo("{\"é\":{seq}}");
    Path binary = Files.write(dir.resolve("b.bin"), new byte[] {(byte) 0xFF, 0, 1});
    assertThat(PayloadFile.bytes(binary, AS_IS)).containsExactly((byte) 0xFF, 0, 1);
    assertThatThrownBy(() -> PayloadFile.text(binary, AS_IS))
        .hasMessage(binary + " is not UTF-8 text (send it with --binary, or as binary)");
    assertThatThrownBy(() -> PayloadFile.bytes(dir.resolve("nope"), AS_IS))
        .hasMessage("file not found: " + dir.resolve("nope"));
    assertThatThrownBy(() -> PayloadFile.text(dir, AS_IS)).hasMessageStartingWith("cannot read ");
    assertThat(PayloadFile.named("@x")).isTrue();
    assertThat(PayloadFile.named("x@")).isFalse();
  }

  @Test
  @DisplayName("a scenario step's missing or non-UTF-8 payload is named as --send names it")
  void scenarioSteps() throws Exception {
    Files.write(dir.resolve("bad.txt"), new byte[] {(byte) 0xC3});
    Files.writeString(dir.resolve("ok.txt"), "hello {conn}");
    JsonObject ok =
        new JsonObject()
            .put(
                "scenario",
                new JsonObject()
                    .put(
                        "steps",
                        new io.vertx.core.json.JsonArray()
                            .add(new JsonObject().put("send", "@" + dir.resolve("ok.txt")))));
    assertThat(ScenarioConfig.read(ok, k -> k, Map.<String, String>of()::get).scenario())
        .isNotNull();
    for (String file : new String[] {"missing.txt", "bad.txt"}) {
      JsonObject values =
          new JsonObject()
              .put(
                  "scenario",
                  new JsonObject()
                      .put(
                          "steps",
                          new io.vertx.core.json.JsonArray()
                              .add(new JsonObject().put("send", "@" + dir.resolve(file)))));
      assertThatThrownBy(() -> ScenarioConfig.read(values, k -> k, Map.<String, String>of()::get))
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("scenario: send payload ")
          .hasMessageContaining(dir.resolve(file).toString())
          .hasMessageContaining(file.equals("bad.txt") ? "is not UTF-8 text" : "file not found");
    }
  }
}
