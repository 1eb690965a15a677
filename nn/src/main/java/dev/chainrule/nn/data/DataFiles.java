package dev.chainrule.nn.data;

import dev.chainrule.autodiff.io.OpenForReading;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipException;

/**
 * Opens a data file for reading and words the JDK's bare I/O errors so that every one names the caller's path
 * (or source) and what failed: {@code train.csv: cannot read CSV file: no such file} where the JDK says only
 * {@code train.csv}, and {@code train.csv.gz: truncated: ...} where the inflater says only
 * {@code Unexpected end of ZLIB input stream}.
 */
final class DataFiles {
  private DataFiles() {}

  /** A stream reading {@code file}; see {@link OpenForReading#open} for what a path that cannot be read throws. */
  static InputStream open(Path file, String format) throws IOException {
    return OpenForReading.open(file, format, Files::newInputStream);
  }

  /**
   * What to throw for {@code failure}, raised while reading {@code source}: a malformed file as it is; a gzip
   * stream that ends early or is corrupt as a {@link DataFileFormatException} naming the source; any other I/O
   * error as an {@link IOException} naming the source around the JDK's message.
   */
  static IOException failure(String source, String format, IOException failure) {
    if (failure instanceof DataFileFormatException) {
      return failure;
    } else if (failure instanceof EOFException) {
      return new DataFileFormatException(source, source + ": truncated: " + failure.getMessage(), failure);
    } else if (failure instanceof ZipException) {
      return new DataFileFormatException(source, source + ": corrupt gzip data: " + failure.getMessage(), failure);
    }
    return new IOException(source + ": reading " + format + " file failed: " + failure.getMessage(), failure);
  }
}
