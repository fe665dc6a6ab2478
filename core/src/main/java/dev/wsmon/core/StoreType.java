package dev.wsmon.core;

import java.util.Locale;

/**
 * The format of a trust store or key store file given by path ({@code trustStore}, {@code
 * keyStore}). In configuration it is written in lower case: {@code pem}, {@code jks}, {@code
 * pkcs12}.
 */
public enum StoreType {
  /** PEM text: one or more {@code -----BEGIN CERTIFICATE-----} blocks (trust stores only). */
  PEM,
  /** A Java key store ({@code .jks}), password protected. */
  JKS,
  /** A PKCS#12 file ({@code .p12}, {@code .pfx}), password protected. */
  PKCS12;

  /**
   * Reads a type name, case-insensitively; {@code p12} and {@code pfx} mean PKCS12.
   *
   * @param text {@code pem}, {@code jks}, {@code pkcs12} (or {@code p12}, {@code pfx})
   * @return the type
   * @throws IllegalArgumentException naming the accepted values
   */
  public static StoreType parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "pem" -> PEM;
      case "jks" -> JKS;
      case "pkcs12", "p12", "pfx" -> PKCS12;
      default -> throw new IllegalArgumentException("use pem, jks or pkcs12, got '" + text + "'");
    };
  }

  /**
   * Guesses the type from a file name's extension: {@code .pem .crt .cer} are PEM, {@code .jks} is
   * JKS, {@code .p12 .pfx .pkcs12} are PKCS12.
   *
   * @param path the file path
   * @return the type, or {@code null} when the extension says nothing
   */
  public static StoreType guess(String path) {
    String name = path.toLowerCase(Locale.ROOT);
    if (name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer")) {
      return PEM;
    }
    if (name.endsWith(".jks")) {
      return JKS;
    }
    if (name.endsWith(".p12") || name.endsWith(".pfx") || name.endsWith(".pkcs12")) {
      return PKCS12;
    }
    return null;
  }

  /** The lower-case name used in configuration. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
