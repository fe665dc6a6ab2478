package dev.wsmon.exporters.impl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a file so that a reader sees either the old or the new content, never a part: the bytes go
 * to a temporary file in the same directory, are forced to disk, and the temporary file is renamed
 * over the target with {@code ATOMIC_MOVE}.
 */
public final class AtomicFiles {

  private AtomicFiles() {}

  /**
   * Writes {@code content} as UTF-8 to {@code path}, creating parent directories; the byte count.
   */
  public static long write(Path path, String content) throws IOException {
    Path target = path.toAbsolutePath().normalize();
    Path fileName = target.getFileName();
    if (fileName == null) {
      throw new IOException("cannot write " + path + ": not a file path");
    }
    if (Files.isDirectory(target)) {
      throw new IOException("cannot write " + target + ": it is a directory");
    }
    Path directory = target.getParent();
    Files.createDirectories(directory);
    Path temporary = directory.resolve("." + fileName + "." + UUID.randomUUID() + ".tmp");
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    try {
      try (FileChannel channel =
          FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temporary);
      throw e;
    }
    return bytes.length;
  }
}
