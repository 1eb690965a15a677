package dev.chainrule.nn.train;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Shows training progress, as Keras' progress bar. On a terminal one line is redrawn with {@code '\r'} (at most
 * ten times a second) while an epoch runs:
 *
 * <pre>
 * epoch 3/10 [=========&gt;                    ] 12/40 - 0.4s - ETA 1.1s - loss: 0.3121 - accuracy: 0.9023
 * </pre>
 *
 * and replaced at the epoch's end by its summary, which stays:
 *
 * <pre>
 * epoch 3/10 [==============================] 40/40 - 1.6s - loss: 0.2954 - accuracy: 0.9150 - val_loss: 0.3012 ...
 * </pre>
 *
 * Elsewhere (a pipe, a CI log) only the summary line is printed, one per epoch. The summary shows every value
 * of the epoch and its duration as the trainer measured it, validation included.
 */
public final class ProgressBar implements Callback {
  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000;

  private final PrintStream out;
  private final boolean terminal;
  private final LongSupplier nanoClock;
  private int epoch;
  private long epochStart;
  private long lastDraw;
  private int drawnLength;

  /** Progress on standard output, redrawn when it is a terminal ({@link System#console()} is not null). */
  public ProgressBar() {
    this(System.out, System.console() != null);
  }

  /** Progress on {@code out}; {@code terminal} chooses between a redrawn line and one line per epoch. */
  public ProgressBar(PrintStream out, boolean terminal) {
    this(out, terminal, System::nanoTime);
  }

  ProgressBar(PrintStream out, boolean terminal, LongSupplier nanoClock) {
    this.out = checkNotNull(out, "ProgressBar: out must not be null");
    this.terminal = terminal;
    this.nanoClock = checkNotNull(nanoClock, "ProgressBar: clock must not be null");
  }

  @Override
  public void onEpochBegin(TrainingState state, int epoch) {
    this.epoch = epoch;
    epochStart = nanoClock.getAsLong();
    lastDraw = epochStart;
    drawnLength = 0;
    if (terminal) {
      redraw(progressLine(state, 0, epochStart));
    }
  }

  @Override
  public void onBatchEnd(TrainingState state, int batch, double batchLoss) {
    long now = nanoClock.getAsLong();
    if (terminal && now - lastDraw >= REDRAW_NANOS) {
      lastDraw = now;
      redraw(progressLine(state, batch + 1, now));
    }
  }

  @Override
  public void onEpochEnd(TrainingState state, EpochResult result) {
    int total = state.batchesPerEpoch();
    StringBuilder line = head(state.epochs(), total, total)
        .append(" - ").append(String.format(Locale.ROOT, "%.1fs", result.seconds()));
    for (Map.Entry<String, Double> e : result.values().entrySet()) {
      line.append(" - ").append(e.getKey()).append(": ").append(format(e.getValue()));
    }
    if (terminal) {
      redraw(line.toString());
      out.println();
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** The line while the epoch runs, after {@code done} batches at time {@code now}. */
  private String progressLine(TrainingState state, int done, long now) {
    int total = state.batchesPerEpoch();
    double elapsed = (now - epochStart) / 1e9;
    StringBuilder line = head(state.epochs(), done, total)
        .append(" - ").append(String.format(Locale.ROOT, "%.1fs", elapsed));
    if (done > 0 && done < total) {
      line.append(" - ETA ").append(String.format(Locale.ROOT, "%.1fs", elapsed / done * (total - done)));
    }
    state.runningValues().forEach((key, value) -> line.append(" - ").append(key).append(": ").append(format(value)));
    return line.toString();
  }

  /** {@code epoch k/N [====>    ] done/total}. */
  private StringBuilder head(int epochs, int done, int total) {
    int filled = total == 0 ? WIDTH : Math.min(WIDTH, (int) ((long) WIDTH * done / total));
    StringBuilder bar = new StringBuilder("=".repeat(filled));
    if (filled < WIDTH) {
      bar.append(filled > 0 ? ">" : " ").append(" ".repeat(WIDTH - filled - 1));
    }
    return new StringBuilder("epoch ").append(epoch).append('/').append(epochs)
        .append(" [").append(bar).append("] ").append(done).append('/').append(total);
  }

  /** Overwrites the current terminal line, blanking what a longer previous line left. */
  private void redraw(String line) {
    out.print('\r' + line + " ".repeat(Math.max(0, drawnLength - line.length())));
    out.flush();
    drawnLength = line.length();
  }

  /** Four decimals, or scientific notation for small values such as a learning rate of 1e-5. */
  private static String format(double v) {
    boolean small = v != 0 && Math.abs(v) < 1e-3;
    return String.format(Locale.ROOT, small ? "%.3e" : "%.4f", v);
  }
}
