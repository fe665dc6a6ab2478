package dev.wsmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
@DisplayName(
    "wsmon run --config FILE with malformed JSON/YAML: exit 2 and a message, never a trace")
class ConfigFuzzTest {

  private static final List<Object[]> BAD =
      List.of(
          new Object[] {"connections", -1},
          new Object[] {"connections", 0},
          new Object[] {"connections", 1e12},
          new Object[] {"connections", "abc"},
          new Object[] {"connections", new JsonArray()},
          new Object[] {"connections", new JsonObject().put("a", new JsonObject())},
          new Object[] {"connections", "99999999999999999999"},
          new Object[] {"rate", -5},
          new Object[] {"rate", "NaN"},
          new Object[] {"rate", new JsonObject()},
          new Object[] {"reconnectDelay", "-1s"},
          new Object[] {"reconnectDelay", "10 parsecs"},
          new Object[] {"reconnectDelay", 1e30},
          new Object[] {"jitter", 2},
          new Object[] {"jitter", -0.1},
          new Object[] {"headers", new JsonArray().add("Na me: v")},
          new Object[] {"headers", new JsonArray().add("ключ: v")},
          new Object[] {"headers", new JsonArray().add(new JsonObject())},
          new Object[] {"headers", new JsonArray().add("X: a\nb")},
          new Object[] {"headers", "x"},
          new Object[] {"thresholds", new JsonArray().add("garbage")},
          new Object[] {"thresholds", new JsonArray().add("rtt_ms.p99<")},
          new Object[] {"endpoints", "x"},
          new Object[] {"endpoints", new JsonArray().add(1)},
          new Object[] {"endpoints", new JsonArray().add(new JsonObject().put("uri", "http://x"))},
          new Object[] {"endpoints", new JsonArray().add(new JsonObject())},
          new Object[] {"uri", 1},
          new Object[] {"uri", "ftp://x"},
          new Object[] {"uri", "ws://"},
          new Object[] {"uri", "ws://h:99999/x"},
          new Object[] {"unknownKey", 1},
          new Object[] {"maxReconnectAttempts", -2},
          new Object[] {"maxReconnectAttempts", 1.5},
          new Object[] {"window", -1},
          new Object[] {"duration", "-3s"},
          new Object[] {"insecure", "perhaps"});

  private static final String JUNK = "{}[]:,\"'\\\n\t #-&*!|>%@`\u00e9\u4e2d\u0000\uffff";

  @TempDir Path dir;

  @Test
  @DisplayName(
      "300 seeded cases: bad values, wrong types, huge and negative numbers, broken syntax")
  void fuzz() throws Exception {
    Random random = new Random(15);
    for (int i = 0; i < 300; i++) {
      JsonObject config = new JsonObject().put("connections", 1).put("duration", "1s");
      int bad = 1 + random.nextInt(3);
      for (int b = 0; b < bad; b++) {
        Object[] pair = BAD.get(random.nextInt(BAD.size()));
        config.put((String) pair[0], pair[1]);
      }
      StringBuilder text = new StringBuilder(config.encode());
      int mutations = random.nextInt(4);
      for (int m = 0; m < mutations; m++) {
        int at = random.nextInt(text.length());
        if (random.nextBoolean()) {
          text.insert(at, JUNK.charAt(random.nextInt(JUNK.length())));
        } else {
          text.deleteCharAt(at);
        }
      }
      if (random.nextInt(10) == 0) {
        text.setLength(random.nextInt(text.length()));
      }
      Path file = dir.resolve("case" + i + (random.nextBoolean() ? ".json" : ".yaml"));
      Files.writeString(file, text, StandardCharsets.UTF_8);
      Cli cli = Cli.run("run", "--config", file.toString(), "-q");
      String what = "case " + i + ": " + text + "\n" + cli;
      assertThat(cli.code).as(what).isEqualTo(2);
      assertThat(cli.err).as(what).startsWith("wsmon run").doesNotContain("\tat ", "Exception");
      assertThat(cli.out).as(what).isEmpty();
    }
  }
}
