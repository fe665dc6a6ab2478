package dev.wsmon.runner.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * A payload named {@code @FILE}: {@code --send @FILE} and a scenario step's {@code send: '@FILE'}
 * read it here, with the same problems named ({@code file not found: PATH}, {@code cannot read
 * PATH: reason}, {@code PATH is not UTF-8 text}); the caller says where the value came from.
 */
public final class PayloadFile {

  private PayloadFile() {}

  /** Whether {@code value} names a file ({@code @PATH}). */
  public static boolean named(String value) {
    return value.startsWith("@");
  }

  /**
   * The file's bytes.
   *
   * @param file the path after the {@code @}, resolved by the caller
   * @param failure makes the exception from the problem's text
   */
  public static byte[] bytes(Path file, Function<String, ConfigException> failure) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw failure.apply("file not found: " + file);
    } catch (IOException e) {
      throw failure.apply("cannot read " + file + ": " + e.getMessage());
    }
  }

  /**
   * The file's text, which must be UTF-8.
   *
   * @param file the path after the {@code @}, resolved by the caller
   * @param failure makes the exception from the problem's text
   */
  public static String text(Path file, Function<String, ConfigException> failure) {
    byte[] bytes = bytes(file, failure);
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw failure.apply(file + " is not UTF-8 text (send it with --binary, or as binary)");
    }
  }
}
