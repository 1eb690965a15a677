package dev.chainrule.autodiff.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens a tensor file for reading and words the JDK's bare I/O errors so that every one names the caller's path
 * and what failed: {@code model.safetensors: cannot read safetensors file: no such file} (see
 * {@link OpenForReading}), and a file that ends early as a {@link TensorFileFormatException}.
 */
final class ReadableFile {
  private ReadableFile() {}

  /** A channel reading {@code file}; see {@link OpenForReading#open} for what a path that cannot be read throws. */
  static FileChannel open(Path file, String format) throws IOException {
    return OpenForReading.open(file, format, f -> FileChannel.open(f, StandardOpenOption.READ));
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
      TensorFileFormatException error = new TensorFileFormatException(file, "the file ended early while it was"
          + " read (did it change during the load?)");
      error.initCause(failure);
      return error;
    }
    return new IOException(file + ": reading " + format + " file failed: " + failure.getMessage(), failure);
  }
}
