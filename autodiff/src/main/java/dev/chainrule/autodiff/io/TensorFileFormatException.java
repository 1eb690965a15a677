package dev.chainrule.autodiff.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A tensor file whose bytes do not follow its format: truncated, a corrupted header, an unsupported dtype,
 * offsets that overlap or leave gaps, trailing bytes. The message starts with the file and names the problem,
 * for example {@code model.safetensors: tensor 'w': data_offsets [0, 12] hold 12 bytes, but shape (2, 3) of
 * F32 needs 24}.
 *
 * <p>It is an {@link IOException}, not an {@link IllegalArgumentException}: a bad file is bad input found at run
 * time, like a missing one, rather than a programming error, and a caller that already handles
 * {@code IOException} handles it too; catch this subclass to tell a malformed file from an unreadable one.
 */
public final class TensorFileFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  TensorFileFormatException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  /** The file that was rejected. */
  public Path file() {
    return file;
  }
}
