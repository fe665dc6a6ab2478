package dev.wsmon.runner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("config profiles: selection, deep merge, errors")
class ConfigProfilesTest {

  private static final Path FILE = Path.of("wsmon.yaml");

  private static JsonObject file() {
    return new JsonObject(
        "{\"connections\": 1, \"headers\": {\"A\": \"1\", \"B\": \"2\"}, \"thresholds\": [\"x>1\"],"
            + " \"profile\": \"dev\","
            + " \"profiles\": {\"dev\": {\"connections\": 2},"
            + "   \"ci\": {\"headers\": {\"B\": \"3\"}, \"thresholds\": [\"y>2\"]}}}");
  }

  @Test
  @DisplayName("a profile deep-merges objects and replaces other values, lists included")
  void deepMerge() {
    JsonObject merged = ConfigProfiles.apply(file(), "ci", FILE);
    assertThat(merged.getInteger("connections")).isEqualTo(1);
    assertThat(merged.getJsonObject("headers").getMap())
        .containsEntry("A", "1")
        .containsEntry("B", "3");
    assertThat(merged.getJsonArray("thresholds").getList()).containsExactly("y>2");
    assertThat(merged.containsKey("profiles")).isFalse();
    assertThat(merged.containsKey("profile")).isFalse();
  }

  @Test
  @DisplayName("the flag wins over WSMON_PROFILE, which wins over the file's profile key")
  void selection() {
    assertThat(ConfigProfiles.select("ci", Map.of("WSMON_PROFILE", "dev"), file(), FILE))
        .isEqualTo("ci");
    assertThat(ConfigProfiles.select(null, Map.of("WSMON_PROFILE", "ci"), file(), FILE))
        .isEqualTo("ci");
    assertThat(ConfigProfiles.select(null, Map.of(), file(), FILE)).isEqualTo("dev");
    assertThat(ConfigProfiles.select(null, Map.of(), new JsonObject(), FILE)).isNull();
    assertThat(ConfigProfiles.apply(file(), null, FILE).getInteger("connections")).isEqualTo(1);
  }

  @Test
  @DisplayName("an unknown profile names itself, the file and the profiles available")
  void unknownProfile() {
    assertThatThrownBy(() -> ConfigProfiles.apply(file(), "prod", FILE))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown profile 'prod'")
        .hasMessageContaining("wsmon.yaml")
        .hasMessageContaining("profiles available: dev, ci");
    assertThatThrownBy(() -> ConfigProfiles.apply(new JsonObject(), "prod", FILE))
        .hasMessageContaining("unknown profile 'prod'")
        .hasMessageContaining("no profiles section");
  }

  @Test
  @DisplayName("malformed profiles are errors naming the file")
  void malformed() {
    assertThatThrownBy(
            () -> ConfigProfiles.apply(new JsonObject().put("profiles", "x"), null, FILE))
        .hasMessageContaining("invalid profiles in wsmon.yaml");
    assertThatThrownBy(
            () ->
                ConfigProfiles.apply(
                    new JsonObject().put("profiles", new JsonObject().put("p", 3)), "p", FILE))
        .hasMessageContaining("invalid profile 'p' in wsmon.yaml");
    assertThatThrownBy(
            () -> ConfigProfiles.select(null, Map.of(), new JsonObject().put("profile", 3), FILE))
        .hasMessageContaining("invalid profile in wsmon.yaml value '3'");
  }
}
