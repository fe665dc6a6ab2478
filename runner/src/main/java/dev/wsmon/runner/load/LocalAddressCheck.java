package dev.wsmon.runner.load;

import dev.wsmon.core.ConnectionOptions;
import dev.wsmon.runner.config.ConfigException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks, before any connection, that every local address ({@code localAddress}, {@code
 * sourceAddresses}) resolves to an address of this host, by binding a socket to it: a name that
 * does not resolve or an address this host does not have would otherwise fail every attempt with a
 * reason that blames the target.
 */
public final class LocalAddressCheck {

  private LocalAddressCheck() {}

  /**
   * Throws when a local address of {@code endpoints} cannot be bound.
   *
   * @throws ConfigException naming the first bad address, its key and why
   */
  public static void check(List<ConnectionOptions> endpoints) {
    Set<String> seen = new LinkedHashSet<>();
    for (ConnectionOptions endpoint : endpoints) {
      if (!endpoint.getSourceAddresses().isEmpty()) {
        for (String address : endpoint.getSourceAddresses()) {
          if (seen.add(address)) {
            check(address, "sourceAddresses (--source-addresses)");
          }
        }
      } else if (endpoint.getLocalAddress() != null && seen.add(endpoint.getLocalAddress())) {
        check(endpoint.getLocalAddress(), "localAddress (--local-address)");
      }
    }
  }

  /**
   * Throws when {@code address} does not resolve or is not an address of this host.
   *
   * @param address a host name or IP address
   * @param key the config key and flag it came from, for the message
   * @throws ConfigException naming the key, the address and why
   */
  public static void check(String address, String key) {
    InetAddress resolved;
    try {
      resolved = InetAddress.getByName(address);
    } catch (UnknownHostException | SecurityException e) {
      throw new ConfigException(
          key + ": local address '" + address + "' is not an IP address or a known host name");
    }
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(resolved, 0));
    } catch (IOException e) {
      throw new ConfigException(
          key
              + ": local address '"
              + address
              + "' ("
              + resolved.getHostAddress()
              + ") is not an address of this host: "
              + e.getMessage());
    }
  }
}
