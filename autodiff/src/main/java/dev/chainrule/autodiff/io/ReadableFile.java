package dev.chainrule.autodiff.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens a tensor file for reading and words the JDK's bare I/O errors so that every one names the caller's path
 * and what failed: {@code model.safetensors: cannot read safetensors file: no such file}, where the JDK says
 * only {@code model.safetensors} (a missing file) or {@code Is a directory} (no path at all).
 */
final class ReadableFile {
  private ReadableFile() {}

  /**
   * A channel reading {@code file}.
   *
   * @throws NoSuchFileException when it does not exist
   * @throws AccessDeniedException when it may not be read
   * @throws FileSystemException when it is a directory or cannot be opened for another reason
   */
  static FileChannel open(Path file, String format) throws IOException {
    String cannot = "cannot read " + format + " file: ";
    if (Files.isDirectory(file)) {
      throw new FileSystemException(file.toString(), null, cannot + "it is a directory");
    }
    try {
      return FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw because(new NoSuchFileException(file.toString(), null, cannot + "no such file"), e);
    } catch (AccessDeniedException e) {
      throw because(new AccessDeniedException(file.toString(), null, cannot + "permission denied"), e);
    } catch (FileSystemException e) {
      String reason = e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
      throw because(new FileSystemException(file.toString(), null, cannot + reason), e);
    }
  }

  /**
   * What to throw for {@code failure}, raised while reading an open {@code file}: a malformed file as it is; the
   * file ending before the length it had when it was checked, as a {@link TensorFileFormatException}; any other
   * I/O error as an {@link IOException} naming the file around the JDK's message.
   */
  static IOException failure(Path file, String format, IOException failure) {
    if (failure instanceof TensorFileFormatException) {
      return failure;
    } else if (failure instanceof EOFException) {
      return because(new TensorFileFormatException(file, "the file ended early while it was read (did it change"
          + " during the load?)"), failure);
    }
    return new IOException(file + ": reading " + format + " file failed: " + failure.getMessage(), failure);
  }

  private static <E extends IOException> E because(E error, IOException cause) {
    error.initCause(cause);
    return error;
  }
}
