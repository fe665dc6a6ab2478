package dev.wsmon.runner.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code wsmon --version}: the project version, Vert.x and Java versions. */
public final class VersionProvider implements IVersionProvider {

  /** The wsmon version from the build, or {@code unknown}. */
  public static String version() {
    try (InputStream in =
        VersionProvider.class.getResourceAsStream("/dev/wsmon/runner/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "wsmon " + version(),
      "Vert.x " + vertxVersion() + ", Java " + System.getProperty("java.version")
    };
  }

  private static String vertxVersion() {
    try (InputStream in =
        io.vertx.core.Vertx.class.getResourceAsStream("/META-INF/vertx/vertx-version.txt")) {
      return in == null
          ? "unknown"
          : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
