package dev.wsmon.runner.browser;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium driven over the Chrome DevTools Protocol, for tests of live pages (a page whose
 * event stream never ends, so {@code --dump-dom} would not return). Starts {@code chromium
 * --remote-debugging-port=0} on a fresh profile, reads the port from {@code DevToolsActivePort},
 * finds the page target on {@code /json} and talks to it over a Vert.x WebSocket. Every wait is
 * bounded; {@link #close()} always kills the browser and its children. Call from a test thread (not
 * an event loop): the methods block on futures.
 */
public final class HeadlessChromium implements AutoCloseable {

  private final Vertx vertx;
  private final Process process;
  private final Path log;
  private final Duration timeout;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, Promise<JsonObject>> pending = new ConcurrentHashMap<>();
  private WebSocketClient client;
  private WebSocket socket;

  private HeadlessChromium(Vertx vertx, Process process, Path log, Duration timeout) {
    this.vertx = vertx;
    this.process = process;
    this.log = log;
    this.timeout = timeout;
  }

  /** The chromium binary on PATH (chromium, chromium-browser or google-chrome), if any. */
  public static Optional<String> find() {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
          return Optional.of(Path.of(dir, name).toString());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The chromium binary; when none is installed the test is skipped, or fails when {@code CI=true}
   * (CI installs chromium, so a missing browser there is a broken setup, not a reason to skip).
   */
  public static String require() {
    return find()
        .orElseGet(
            () -> {
              String message =
                  "chromium is not installed (looked for chromium, chromium-browser,"
                      + " google-chrome on PATH); install it with: apt-get install -y chromium"
                      + " (.ci/run does)";
              if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message);
              }
              Assumptions.abort(message);
              return null;
            });
  }

  /**
   * Starts the browser on {@code url} and connects to its page.
   *
   * @param vertx for the DevTools connection and the timers
   * @param binary the chromium binary
   * @param dir a directory for the fresh profile and the browser's log
   * @param url the page to open
   * @param width window width in pixels
   * @param height window height in pixels
   * @param timeout the bound of every wait
   * @return the browser, connected
   */
  public static HeadlessChromium open(
      Vertx vertx, String binary, Path dir, String url, int width, int height, Duration timeout)
      throws IOException {
    Path profile = Files.createTempDirectory(dir, "chromium-profile");
    Path log = Files.createTempFile(dir, "chromium", ".log");
    List<String> command =
        new ArrayList<>(
            List.of(
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--remote-allow-origins=*",
                "--remote-debugging-port=0",
                "--window-size=" + width + "," + height,
                "--user-data-dir=" + profile,
                url));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    HeadlessChromium browser = new HeadlessChromium(vertx, process, log, timeout);
    try {
      browser.connect(profile.resolve("DevToolsActivePort"));
    } catch (RuntimeException | IOException e) {
      browser.close();
      throw e;
    }
    return browser;
  }

  private void connect(Path portFile) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int port = -1;
    while (port < 0) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "chromium exited with " + process.exitValue() + ": " + log());
      }
      if (Files.exists(portFile)) {
        List<String> lines = Files.readAllLines(portFile, StandardCharsets.UTF_8);
        if (!lines.isEmpty() && !lines.get(0).isBlank()) {
          port = Integer.parseInt(lines.get(0).trim());
          break;
        }
      }
      pause(deadline, "DevToolsActivePort");
    }
    HttpClient http = vertx.createHttpClient();
    String pageSocket = null;
    try {
      while (pageSocket == null) {
        JsonArray targets = targets(http, port);
        for (Object t : targets) {
          if (t instanceof JsonObject target
              && "page".equals(target.getString("type"))
              && target.getString("webSocketDebuggerUrl") != null) {
            pageSocket = target.getString("webSocketDebuggerUrl");
          }
        }
        if (pageSocket == null) {
          pause(deadline, "a page target on /json");
        }
      }
    } finally {
      http.close();
    }
    client =
        vertx.createWebSocketClient(
            new WebSocketClientOptions()
                .setMaxFrameSize(64 * 1024 * 1024)
                .setMaxMessageSize(64 * 1024 * 1024));
    try {
      socket =
          client
              .connect(new WebSocketConnectOptions().setAbsoluteURI(pageSocket))
              .await(remaining(deadline), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("chromium: no DevTools connection within " + timeout);
    }
    socket.textMessageHandler(
        text -> {
          JsonObject message = new JsonObject(text);
          Long id = message.getLong("id");
          Promise<JsonObject> p = id == null ? null : pending.remove(id);
          if (p == null) {
            return;
          }
          if (message.containsKey("error")) {
            p.tryFail("DevTools error: " + message.getValue("error"));
          } else {
            p.tryComplete(message.getJsonObject("result", new JsonObject()));
          }
        });
    socket.closeHandler(
        v -> pending.values().forEach(p -> p.tryFail("DevTools connection closed")));
  }

  private JsonArray targets(HttpClient http, int port) {
    try {
      return http.request(HttpMethod.GET, port, "127.0.0.1", "/json")
          .compose(req -> req.send().compose(HttpClientResponse::body))
          .map(Buffer::toJsonArray)
          .await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      return new JsonArray();
    }
  }

  private void pause(long deadline, String what) {
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException(
          "chromium: no " + what + " within " + timeout + "; log: " + log());
    }
    vertx.timer(100).await();
  }

  private static long remaining(long deadline) {
    return Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
  }

  /** Calls a DevTools method and waits (bounded) for its result. */
  public JsonObject call(String method, JsonObject params) {
    long id = ids.incrementAndGet();
    Promise<JsonObject> result = Promise.promise();
    pending.put(id, result);
    socket.writeTextMessage(
        new JsonObject().put("id", id).put("method", method).put("params", params).encode());
    try {
      return result.future().await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      pending.remove(id);
      throw new IllegalStateException("DevTools " + method + " did not answer within " + timeout);
    }
  }

  /**
   * Evaluates a JavaScript expression in the page and returns its value (JSON-able values only).
   */
  public Object evaluate(String expression) {
    JsonObject result =
        call(
            "Runtime.evaluate",
            new JsonObject().put("expression", expression).put("returnByValue", true));
    if (result.containsKey("exceptionDetails")) {
      throw new IllegalStateException(
          "page script failed: " + result.getJsonObject("exceptionDetails").encode());
    }
    return result.getJsonObject("result", new JsonObject()).getValue("value");
  }

  /**
   * Evaluates {@code expression} (which must return a JSON string) until {@code done} accepts the
   * parsed object, at most for the timeout.
   *
   * @return the accepted value
   * @throws IllegalStateException with the last value when the time is up
   */
  public JsonObject poll(String expression, java.util.function.Predicate<JsonObject> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonObject last = null;
    while (true) {
      Object value = evaluate(expression);
      last = value instanceof String s ? new JsonObject(s) : null;
      if (last != null && done.test(last)) {
        return last;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "page did not reach the state within " + timeout + "; last: " + last);
      }
      vertx.timer(250).await();
    }
  }

  /** A PNG screenshot of the viewport. */
  public byte[] screenshot() {
    JsonObject shot = call("Page.captureScreenshot", new JsonObject().put("format", "png"));
    return Base64.getDecoder().decode(shot.getString("data"));
  }

  /** The browser's output so far (last 2000 characters). */
  public String log() {
    try {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Closes the DevTools connection and kills the browser and its children (bounded). */
  @Override
  public void close() {
    try {
      if (client != null) {
        client.close().await(5, TimeUnit.SECONDS);
      }
    } catch (Exception ignored) {
      // the browser is killed below anyway
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
