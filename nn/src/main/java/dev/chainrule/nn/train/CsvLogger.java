package dev.chainrule.nn.train;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes one CSV row per epoch as it ends, {@code epoch,<keys...>,seconds} in the format of
 * {@link History#writeCsv}, as Keras' {@code CSVLogger}. Each row is appended and the file closed before training
 * goes on, so a crash leaves every finished epoch on disk.
 *
 * <p>The columns are the keys of the first epoch of a run; a later epoch's missing value is an empty cell. A new
 * run replaces the file, unless {@code append}: then rows are added after the existing ones, whose header must
 * be the same, and the header is written only to an empty file.
 */
public final class CsvLogger implements Callback {
  private final Path file;
  private final boolean append;
  private List<String> keys;

  /** Logs to {@code file}, replacing it at the start of each run. */
  public CsvLogger(Path file) {
    this(file, false);
  }

  /** Logs to {@code file}, replacing it at the start of each run or, if {@code append}, adding to it. */
  public CsvLogger(Path file, boolean append) {
    this.file = checkNotNull(file, "CsvLogger: file must not be null");
    this.append = append;
  }

  @Override
  public void onTrainBegin(TrainingState state) {
    keys = null;
  }

  @Override
  public void onEpochEnd(TrainingState state, EpochResult result) {
    StringBuilder text = new StringBuilder();
    StandardOpenOption mode = StandardOpenOption.APPEND;
    if (keys == null) {
      keys = new ArrayList<>(result.values().keySet());
      String header = "epoch," + String.join(",", keys) + ",seconds";
      if (!append) {
        mode = StandardOpenOption.TRUNCATE_EXISTING;
        text.append(header).append('\n');
      } else if (isEmpty()) {
        text.append(header).append('\n');
      } else {
        checkHeader(header);
      }
    }
    text.append(result.epoch());
    for (String key : keys) {
      text.append(',').append(result.has(key) ? format(result.get(key)) : "");
    }
    text.append(',').append(format(result.seconds())).append('\n');
    write(text, mode);
  }

  private boolean isEmpty() {
    try {
      return !Files.exists(file) || Files.size(file) == 0;
    } catch (IOException e) {
      throw new UncheckedIOException("CsvLogger: cannot read " + file, e);
    }
  }

  private void checkHeader(String header) {
    String existing;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      existing = reader.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException("CsvLogger: cannot read " + file, e);
    }
    if (!header.equals(existing)) {
      throw new IllegalStateException("CsvLogger: cannot append to " + file + ": its columns are " + existing
          + ", this run's are " + header);
    }
  }

  private void write(CharSequence text, StandardOpenOption mode) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          mode);
    } catch (IOException e) {
      throw new UncheckedIOException("CsvLogger: cannot write " + file, e);
    }
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }
}
