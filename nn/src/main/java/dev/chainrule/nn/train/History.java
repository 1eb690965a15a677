package dev.chainrule.nn.train;

import dev.chainrule.autodiff.io.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The record of a training run, one {@link EpochResult} per epoch; what {@link Trainer#fit} returns. */
public final class History {
  private final List<EpochResult> epochs = new ArrayList<>();

  void add(EpochResult result) {
    epochs.add(result);
  }

  /** The epochs in order. */
  public List<EpochResult> epochs() {
    return Collections.unmodifiableList(epochs);
  }

  /** The number of epochs recorded. */
  public int size() {
    return epochs.size();
  }

  /** The last epoch. */
  public EpochResult last() {
    if (epochs.isEmpty()) {
      throw new IllegalStateException("history: no epoch has finished yet");
    }
    return epochs.get(epochs.size() - 1);
  }

  /** The values of {@code key} epoch by epoch (NaN where an epoch did not measure it). */
  public double[] values(String key) {
    double[] values = new double[epochs.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = epochs.get(i).has(key) ? epochs.get(i).get(key) : Double.NaN;
    }
    return values;
  }

  /** Every key measured in some epoch, in first-seen order. */
  public Set<String> keys() {
    Set<String> keys = new LinkedHashSet<>();
    for (EpochResult e : epochs) {
      keys.addAll(e.values().keySet());
    }
    return keys;
  }

  /**
   * Writes {@code epoch,<keys...>,seconds}, one row per epoch, all or nothing ({@link AtomicFile}).
   *
   * @throws UncheckedIOException whose message names {@code file} and what failed
   */
  public void writeCsv(Path file) {
    List<String> keys = new ArrayList<>(keys());
    StringBuilder csv = new StringBuilder("epoch");
    keys.forEach(k -> csv.append(',').append(k));
    csv.append(",seconds\n");
    for (EpochResult e : epochs) {
      csv.append(e.epoch());
      for (String k : keys) {
        csv.append(',').append(e.has(k) ? format(e.get(k)) : "");
      }
      csv.append(',').append(format(e.seconds())).append('\n');
    }
    try {
      AtomicFile.writeString(file, csv);
    } catch (IOException e) {
      throw new UncheckedIOException("history: " + e.getMessage(), e);
    }
  }

  /**
   * Writes the training curves into {@code directory}: {@code loss.svg} and {@code loss.png} (training and
   * validation loss per epoch) and, for every metric, {@code <metric>.svg} and {@code <metric>.png}. Returns the
   * files written.
   */
  public List<Path> plot(Path directory) {
    List<Path> written = new ArrayList<>();
    double[] x = new double[epochs.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = epochs.get(i).epoch();
    }
    for (String key : keys()) {
      if (key.startsWith("val_") || key.equals("lr")) {
        continue;
      }
      LineChart chart = new LineChart(key, "epoch", key).series("train", x, values(key));
      if (keys().contains("val_" + key)) {
        chart.series("validation", x, values("val_" + key));
      }
      Path svg = directory.resolve(key + ".svg");
      Path png = directory.resolve(key + ".png");
      chart.writeSvg(svg);
      chart.writePng(png);
      written.add(svg);
      written.add(png);
    }
    return written;
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }
}
