package dev.wsmon.exporters.impl;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Confines paths requested over the event bus to one directory: a relative path resolves against
 * it; {@code ..} escapes, absolute paths outside it and symbolic links leading out of it are
 * rejected with {@link ExportFailure#BAD_REQUEST}. Blocking: call on a worker thread.
 */
public final class ExportDirectory {

  private final Path base;

  public ExportDirectory(String directory) {
    this.base = Paths.get(directory).toAbsolutePath().normalize();
  }

  public Path base() {
    return base;
  }

  /** A written export file. */
  public record Written(Path path, long bytes) {}

  /** Resolves {@code requested} and writes {@code content} there atomically. */
  public Written write(String requested, String content) {
    Path target = resolve(requested);
    try {
      Files.createDirectories(target.getParent());
      checkRealLocation(requested, target);
      return new Written(target, AtomicFiles.write(target, content));
    } catch (IOException e) {
      throw new ExportFailure(
          ExportFailure.BAD_REQUEST, "cannot write '" + requested + "': " + describe(e));
    }
  }

  /** The absolute target of {@code requested}, checked to lie inside the export directory. */
  public Path resolve(String requested) {
    Path path;
    try {
      path = Paths.get(requested);
    } catch (InvalidPathException e) {
      throw new ExportFailure(
          ExportFailure.BAD_REQUEST, "invalid path '" + requested + "': " + e.getReason());
    }
    Path target = (path.isAbsolute() ? path : base.resolve(path)).normalize();
    Path realBase = realBase(requested);
    boolean inside =
        (target.startsWith(base) && !target.equals(base))
            || (target.startsWith(realBase) && !target.equals(realBase));
    if (!inside) {
      throw new ExportFailure(
          ExportFailure.BAD_REQUEST,
          "path '" + requested + "' is outside the export directory " + base);
    }
    checkRealLocation(requested, target);
    return target;
  }

  private Path realBase(String requested) {
    try {
      Files.createDirectories(base);
      return base.toRealPath();
    } catch (IOException e) {
      throw new ExportFailure(
          ExportFailure.BAD_REQUEST,
          "cannot write '"
              + requested
              + "': export directory "
              + base
              + " is not usable: "
              + describe(e));
    }
  }

  /** Rejects a target that is a symbolic link or whose nearest existing ancestor leads outside. */
  private void checkRealLocation(String requested, Path target) {
    Path realBase = realBase(requested);
    if (Files.isSymbolicLink(target)) {
      throw escape(requested);
    }
    Path existing = target.getParent();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    try {
      if (existing == null || !existing.toRealPath().startsWith(realBase)) {
        throw escape(requested);
      }
    } catch (IOException e) {
      throw new ExportFailure(
          ExportFailure.BAD_REQUEST, "cannot write '" + requested + "': " + describe(e));
    }
  }

  private ExportFailure escape(String requested) {
    return new ExportFailure(
        ExportFailure.BAD_REQUEST,
        "path '"
            + requested
            + "' leaves the export directory "
            + base
            + " through a symbolic link");
  }

  static String describe(IOException e) {
    if (e instanceof AccessDeniedException denied) {
      return "permission denied on " + denied.getFile();
    }
    if (e instanceof FileAlreadyExistsException exists) {
      return exists.getFile() + " exists and is not a directory";
    }
    if (e instanceof NoSuchFileException missing) {
      return "no such file or directory " + missing.getFile();
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason() + " (" + fs.getFile() + ")";
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
