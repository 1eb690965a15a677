package dev.chainrule.nn.train;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.io.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes one CSV row per epoch as it ends, {@code epoch,<keys...>,seconds} in the format of
 * {@link History#writeCsv}, as Keras' {@code CSVLogger}. After each epoch the whole file is rewritten through
 * {@link AtomicFile} before training goes on, so a crash at any moment leaves every finished epoch on disk and
 * never a torn last row.
 *
 * <p>The columns are the keys of the first epoch of a run; a later epoch's missing value is an empty cell. A new
 * run replaces the file, unless {@code append}: then rows are added after the existing ones, whose header must
 * be the same, and the header is written only to an empty file.
 */
public final class CsvLogger implements Callback {
  private final Path file;
  private final boolean append;
  private List<String> keys;
  private StringBuilder text;

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
    text = null;
  }

  @Override
  public void onEpochEnd(TrainingState state, EpochResult result) {
    if (keys == null) {
      List<String> columns = new ArrayList<>(result.values().keySet());
      String header = "epoch," + String.join(",", columns) + ",seconds";
      String existing = append ? existing() : "";
      if (existing.isEmpty()) {
        text = new StringBuilder(header).append('\n');
      } else {
        checkHeader(header, existing);
        text = new StringBuilder(existing);
        if (!existing.endsWith("\n")) {
          text.append('\n');
        }
      }
      keys = columns;
    }
    text.append(result.epoch());
    for (String key : keys) {
      text.append(',').append(result.has(key) ? format(result.get(key)) : "");
    }
    text.append(',').append(format(result.seconds())).append('\n');
    try {
      AtomicFile.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("CsvLogger: " + e.getMessage(), e);
    }
  }

  /** The file's text, empty when it does not exist. */
  private String existing() {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException("CsvLogger: cannot read " + file + " (" + AtomicFile.reason(e) + ")", e);
    }
  }

  private void checkHeader(String header, String existing) {
    String first = existing.lines().findFirst().orElse("");
    if (!header.equals(first)) {
      throw new IllegalStateException("CsvLogger: cannot append to " + file + ": its columns are " + first
          + ", this run's are " + header);
    }
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }
}
