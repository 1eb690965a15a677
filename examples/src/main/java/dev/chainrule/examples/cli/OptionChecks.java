package dev.chainrule.examples.cli;

import dev.chainrule.autodiff.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Checks of option values that picocli's types do not make, each throwing a {@link UserError} that names the
 * option, what it got and what it needs. Commands run them before loading any data.
 */
final class OptionChecks {
  private OptionChecks() {}

  /** {@code value >= min}, when given. */
  static void atLeast(String option, Integer value, int min) {
    if (value != null && value < min) {
      throw UserError.of("%s must be at least %d, got %d", option, min, value);
    }
  }

  /** A finite number above zero, such as a learning rate. */
  static void positiveFinite(String option, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw UserError.of("%s must be a positive finite number such as 0.001, got %s", option, value);
    }
  }

  /** A non-empty list of sizes, each at least 1, when given; {@code example} shows a valid value. */
  static void sizes(String option, int[] values, String example) {
    if (values == null) {
      return;
    }
    if (values.length == 0) {
      throw UserError.of("%s needs at least one number, e.g. %s %s", option, option, example);
    }
    if (Arrays.stream(values).anyMatch(v -> v < 1)) {
      throw UserError.of("%s values must be at least 1, got %s", option,
          Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(",")));
    }
  }

  /** A path that is not empty ({@code --output ""} would otherwise mean the working directory). */
  static void given(String option, Path path) {
    if (path.toString().isEmpty()) {
      throw UserError.of("%s needs a path, got an empty one", option);
    }
  }

  /**
   * A regular file that can be read; {@code hint} says what to do when it is missing (e.g. "train one first with
   * ./chainrule train").
   */
  static void readableFile(String option, Path file, String hint) {
    given(option, file);
    if (Files.isDirectory(file)) {
      throw UserError.of("%s %s is a directory; pass a file", option, file);
    }
    if (!Files.exists(file)) {
      throw UserError.of("%s %s does not exist; %s", option, file, hint);
    }
    if (!Files.isReadable(file)) {
      throw UserError.of("%s %s cannot be read (Permission denied)", option, file);
    }
  }

  /**
   * A file path that can be written: not a directory, in a directory that exists or can be created (which is
   * created).
   */
  static void writableFile(String option, Path file) {
    given(option, file);
    if (Files.isDirectory(file)) {
      throw UserError.of("%s %s is a directory; pass a file name", option, file);
    }
    Path parent = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UserError(String.format("%s %s cannot be written: its directory cannot be created (%s)", option,
          file, AtomicFile.reason(e)), e);
    }
  }

  /** A directory path that can be written: created if missing, refused if it is a file. */
  static void writableDirectory(String option, Path directory) {
    given(option, directory);
    if (Files.exists(directory) && !Files.isDirectory(directory)) {
      throw UserError.of("%s %s is a file, not a directory; pass a directory (it is created if missing)", option,
          directory);
    }
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UserError(String.format("%s %s cannot be created (%s)", option, directory, AtomicFile.reason(e)), e);
    }
  }
}
