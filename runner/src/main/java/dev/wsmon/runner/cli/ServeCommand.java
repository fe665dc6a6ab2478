package dev.wsmon.runner.cli;

import dev.wsmon.runner.config.ConfigException;
import dev.wsmon.runner.report.ExitCodes;
import dev.wsmon.testkit.EchoServer;
import dev.wsmon.testkit.EchoServerOptions;
import dev.wsmon.testkit.EchoServerStats;
import dev.wsmon.testkit.FaultSpec;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code wsmon serve}: an echo server with fault injection, until Ctrl-C. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Run a WebSocket echo server with fault injection until Ctrl-C; prints its ws:// URL"
          + " (with --fault tls a wss://localhost URL, the name its test certificate is issued"
          + " for).",
      "Faults (repeat --fault): close-after=N:CODE[:REASON], drop-after=N|DUR,"
          + " reject=STATUS[:retry-after=S], handshake-delay=DUR, no-upgrade, delay=DUR, no-echo,"
          + " no-pong, banner=TEXT, push=RATE/s[:gap-every=N][:dup-every=N][:reorder-every=N],"
          + " oversize=BYTES, invalid-utf8-every=N, outage=DOWN/EVERY, tls."
    },
    footer = {
      "",
      "Example: wsmon serve --port 8080 --fault delay=20ms --fault close-after=100:4001"
    })
public final class ServeCommand implements java.util.concurrent.Callable<Integer> {

  @ParentCommand WsmonCommand parent;

  @Option(
      names = {"-p", "--port"},
      paramLabel = "P",
      description = "Port to listen on; 0 picks a free one (default: 8080).")
  int port = 8080;

  @Option(names = "--host", paramLabel = "H", description = "Address to bind (default: 127.0.0.1).")
  String host = "127.0.0.1";

  @Option(names = "--fault", paramLabel = "SPEC", description = "Fault to inject; repeatable.")
  List<String> faults = List.of();

  @Option(
      names = "--tls-cert-out",
      paramLabel = "FILE",
      description =
          "With --fault tls: write the server's self-signed certificate (PEM) to FILE, for"
              + " 'wsmon run --trust-store FILE' (verification on, no --insecure).")
  Path tlsCertOut;

  @Mixin UntilStopped untilStopped;

  @Override
  public Integer call() throws Exception {
    Verbosity.set(untilStopped.verbose);
    if (port < 0 || port > 65535) {
      throw new ConfigException("invalid --port value '" + port + "': use 0 to 65535");
    }
    FaultSpec spec;
    try {
      spec = new FaultSpec(faults);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("invalid --fault: " + e.getMessage());
    }
    if (tlsCertOut != null && !spec.isTls()) {
      throw new ConfigException(
          "--tls-cert-out "
              + tlsCertOut
              + " needs --fault tls (there is no certificate without it)");
    }
    Vertx vertx = Vertx.vertx();
    StopSignal stop = new StopSignal("wsmon-serve-shutdown", Duration.ofSeconds(10));
    try {
      EchoServer server;
      try {
        server =
            EchoServer.deploy(
                    vertx, new EchoServerOptions().setHost(host).setPort(port).setFaults(spec))
                .await();
      } catch (Exception e) {
        throw bindError(e);
      }
      if (server.isTls()) {
        ServeTlsWarmUp.run(vertx, server, Duration.ofSeconds(10)).await();
      }
      String url = url(server);
      if (tlsCertOut != null) {
        writeCertificate(server);
      }
      parent.out.println(url);
      parent.err.println(
          "wsmon serve: echo server listening on "
              + url
              + " with faults "
              + (faults.isEmpty() ? "none" : String.join(" ", spec.toSpecs()))
              + " - Ctrl-C to stop");
      parent.out.flush();
      stop.install();
      stop.await(untilStopped.duration);
      EchoServerStats stats = server.stats();
      parent.err.println("wsmon serve: stopping; " + stats.toJson().encode());
      return ExitCodes.OK;
    } finally {
      vertx.close().await(5, TimeUnit.SECONDS);
      parent.err.flush();
      stop.close();
    }
  }

  /**
   * The server's URL; over TLS with the name its certificate is issued for ({@code localhost}) when
   * it listens on a loopback or wildcard address, so that a client verifying the certificate
   * accepts it.
   */
  private String url(EchoServer server) {
    if (!server.isTls() || !reachableAsLocalhost(host)) {
      return server.uri("/");
    }
    return "wss://" + EchoServerOptions.DEFAULT_TLS_CERTIFICATE_HOST + ":" + server.port() + "/";
  }

  private static boolean reachableAsLocalhost(String host) {
    return host.equals("localhost")
        || host.startsWith("127.")
        || host.equals("0.0.0.0")
        || host.equals("::")
        || host.equals("::1");
  }

  private void writeCertificate(EchoServer server) {
    try {
      Path parentDir = tlsCertOut.toAbsolutePath().getParent();
      if (parentDir != null) {
        Files.createDirectories(parentDir);
      }
      Files.copy(
          Path.of(server.certificatePath()), tlsCertOut, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new ConfigException(
          "cannot write --tls-cert-out " + tlsCertOut + ": " + e.getMessage());
    }
  }

  private RuntimeException bindError(Exception e) {
    Throwable cause = e;
    while (cause != null) {
      if (cause instanceof BindException) {
        return new ConfigException(
            "cannot listen on "
                + host
                + ":"
                + port
                + " ("
                + cause.getMessage()
                + "); pick another --port or --host");
      }
      cause = cause.getCause();
    }
    return new ConfigException(
        "cannot start the echo server on " + host + ":" + port + ": " + e.getMessage());
  }
}
