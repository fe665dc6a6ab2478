package dev.wsmon.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The event-bus addresses of one wsmon setup. Every address starts with a namespace (default
 * {@value #DEFAULT_NAMESPACE}) so that two independent setups can share one Vert.x instance.
 *
 * <table>
 *   <caption>Addresses</caption>
 *   <tr><th>address</th><th>kind</th><th>body</th></tr>
 *   <tr><td>{@code <ns>.events}</td><td>publish</td><td>{@link ConnectionEvent}</td></tr>
 *   <tr><td>{@code <ns>.traffic}</td><td>publish</td><td>{@link TrafficBatch}</td></tr>
 *   <tr><td>{@code <ns>.stats}</td><td>request</td><td>JSON query, replies with a snapshot</td></tr>
 *   <tr><td>{@code <ns>.stats.reset}</td><td>request</td><td>{@code {}}</td></tr>
 *   <tr><td>{@code <ns>.history}</td><td>request</td><td>{@code {"limit": n}}</td></tr>
 *   <tr><td>{@code <ns>.series}</td><td>request</td><td>{@code {}}, replies with time-series points</td></tr>
 *   <tr><td>{@code <ns>.export}</td><td>request</td><td>{@code {"format": ..}}</td></tr>
 *   <tr><td>{@code <ns>.send}</td><td>request</td><td>text or buffer, header {@code connection_id}</td></tr>
 * </table>
 */
public final class Addresses {

  /** Default namespace: {@value}. */
  public static final String DEFAULT_NAMESPACE = "wsmon";

  /** Header naming the target connection of a {@link #send()} request. */
  public static final String CONNECTION_ID_HEADER = "connection_id";

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_\\-.:]+");

  private final String namespace;

  private Addresses(String namespace) {
    this.namespace = namespace;
  }

  /** Addresses under the default namespace {@value #DEFAULT_NAMESPACE}. */
  public static Addresses defaults() {
    return of(DEFAULT_NAMESPACE);
  }

  /**
   * Addresses under {@code namespace}.
   *
   * @param namespace letters, digits, {@code _ - . :}; not empty
   * @return the addresses
   * @throws IllegalArgumentException when the namespace is empty or has other characters
   */
  public static Addresses of(String namespace) {
    Objects.requireNonNull(namespace, "namespace");
    if (!VALID.matcher(namespace).matches()) {
      throw new IllegalArgumentException(
          "namespace must be letters, digits, '_', '-', '.' or ':', got '" + namespace + "'");
    }
    return new Addresses(namespace);
  }

  /** The namespace. */
  public String namespace() {
    return namespace;
  }

  /** Lifecycle events, published: {@code <ns>.events}. */
  public String events() {
    return namespace + ".events";
  }

  /** Traffic batches, published: {@code <ns>.traffic}. */
  public String traffic() {
    return namespace + ".traffic";
  }

  /** Stats queries: {@code <ns>.stats}. */
  public String stats() {
    return namespace + ".stats";
  }

  /** Stats reset: {@code <ns>.stats.reset}. */
  public String statsReset() {
    return namespace + ".stats.reset";
  }

  /** Event history queries: {@code <ns>.history}. */
  public String history() {
    return namespace + ".history";
  }

  /** Time-series queries: {@code <ns>.series}. */
  public String series() {
    return namespace + ".series";
  }

  /** Export requests: {@code <ns>.export}. */
  public String export() {
    return namespace + ".export";
  }

  /** Send requests: {@code <ns>.send}. */
  public String send() {
    return namespace + ".send";
  }

  @Override
  public String toString() {
    return "Addresses[" + namespace + "]";
  }
}
