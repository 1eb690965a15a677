package dev.chainrule.nn.data;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;

/**
 * A data file (IDX, CSV, plain or gzipped) whose bytes do not follow its format: truncated, a corrupt or padded
 * gzip stream, a wrong magic number, a non-numeric cell, a ragged row, a line or a size over the reader's
 * limits. The message starts with the file (or the source the caller named) and says what was expected and
 * what was found, for example {@code train.csv line 4: expected 3 columns (as on line 2), found 2}.
 *
 * <p>It is an {@link IOException}, like a missing file: a bad file is bad input found at run time, not a
 * programming error. Catch this subclass to tell a malformed file from an unreadable one. A well-formed file
 * that holds no samples is not malformed; the readers refuse it with an {@link IllegalArgumentException}.
 */
public final class DataFileFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String source;

  DataFileFormatException(String source, String message) {
    super(message);
    checkArgument(message.startsWith(source), "DataFileFormatException: message '%s' must start with '%s'",
        message, source);
    this.source = source;
  }

  DataFileFormatException(String source, String message, Throwable cause) {
    this(source, message);
    initCause(cause);
  }

  /** The file, or the name the caller gave the stream, that was rejected. */
  public String source() {
    return source;
  }
}
