package dev.chainrule.autodiff.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Opens a file for reading and words the JDK's bare errors so that each names the caller's path, the format and
 * what failed: {@code train.csv: cannot read CSV file: no such file}, where the JDK says only {@code train.csv}
 * (a missing file) or {@code Is a directory} (no path at all). Every reader of tensor and data files opens its
 * file here.
 */
public final class OpenForReading {
  private OpenForReading() {}

  /** How to open the file once it is known not to be a directory, e.g. {@code Files::newInputStream}. */
  @FunctionalInterface
  public interface Opener<T> {
    T open(Path file) throws IOException;
  }

  /**
   * What {@code opener} opens for {@code file}, a file of {@code format} (named in the messages).
   *
   * @throws NoSuchFileException when it does not exist
   * @throws AccessDeniedException when it may not be read
   * @throws FileSystemException when it is a directory or cannot be opened for another reason
   */
  public static <T> T open(Path file, String format, Opener<T> opener) throws IOException {
    String cannot = "cannot read " + format + " file: ";
    if (Files.isDirectory(file)) {
      throw new FileSystemException(file.toString(), null, cannot + "it is a directory");
    }
    try {
      return opener.open(file);
    } catch (NoSuchFileException e) {
      throw because(new NoSuchFileException(file.toString(), null, cannot + "no such file"), e);
    } catch (AccessDeniedException e) {
      throw because(new AccessDeniedException(file.toString(), null, cannot + "permission denied"), e);
    } catch (FileSystemException e) {
      String reason = e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
      throw because(new FileSystemException(file.toString(), null, cannot + reason), e);
    }
  }

  private static <E extends IOException> E because(E error, IOException cause) {
    error.initCause(cause);
    return error;
  }
}
