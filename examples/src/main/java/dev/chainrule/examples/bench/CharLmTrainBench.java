package dev.chainrule.examples.bench;

import dev.chainrule.autodiff.OpProfile;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.kernel.Kernels;
import dev.chainrule.autodiff.kernel.Parallelism;
import dev.chainrule.examples.CharLm;
import dev.chainrule.examples.bench.CharLmStep.Part;
import dev.chainrule.nn.data.CharCorpus;
import dev.chainrule.nn.data.CharWindows;
import dev.chainrule.optim.Adam;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Character-LM training benchmark: the step of {@code train --model charlm}, {@link CharLm} {@code Embedding(65,
 * 64) - LSTM(64, 256) - Linear(256, 65)} on batches of {@value #BATCH} random windows of {@value #LENGTH}
 * characters of tinyshakespeare's training text, the cross-entropy over every position, global-norm clipping to
 * {@value #CLIP_NORM} and Adam (lr {@value #LR}), per thread count. What each figure is:
 *
 * <ul>
 *   <li><b>ms/step</b>: after the warm-up steps, the median over the timed steps of each step's wall-clock time
 *       from {@code zeroGrad} to {@code loss.item()} after the optimizer step (drawing the batch is outside, as in
 *       the PyTorch script); <b>CPU ms/step</b>: the process's CPU time over the timed steps (all threads, GC and
 *       JIT included) divided by their number; <b>loss</b>: the last timed step's.
 *   <li><b>PyTorch</b>: {@code examples/python/train_bench_charlm_torch.py} with OpenBLAS ({@link TorchReference}),
 *       run after chainrule so the two do not share the cores, at the settings matching each thread count; the
 *       ratio is chainrule's ms/step over the best of those settings (below 1: chainrule is faster).
 *   <li><b>where a step's time goes</b>: the means over the timed steps of the parts {@link CharLmStep} marks with
 *       {@link System#nanoTime} (means, so the parts add up to the mean step): the embedding, the LSTM's
 *       recurrent loop (its per-step products {@code h W_hh^T}, the gate math, cutting and joining the steps and
 *       the output's transpose to batch first), its input projection {@code x W_ih^T + b} for all steps at once
 *       (with the input's transpose to time-major rows), the output Linear with the cross-entropy, forward and
 *       backward each, then the clipping and the optimizer step. The projection's forward cannot be marked inside
 *       the LSTM's forward: it is the median of {@value #REPLAYS} recomputations apart
 *       ({@link CharLmStep#replayProjection}), and the recurrent loop's forward is the LSTM's forward minus it.
 *   <li><b>the op profile</b>: an {@link OpProfile} over the timed steps of the last thread count, per op name.
 * </ul>
 *
 * <pre>
 * ./chainrule bench train --model charlm                  # 20 warm-up steps, median of 30, at 1 and 2 threads
 * ./chainrule bench train --model charlm --steps 100 --threads 1
 * </pre>
 */
public final class CharLmTrainBench {
  static final int BATCH = 32;
  static final int LENGTH = 64;
  static final int EMBEDDING = 64;
  static final int HIDDEN = 256;
  static final double LR = 2e-3;
  static final double CLIP_NORM = 1.0;
  /** Warm-up steps per thread count, as the PyTorch script. */
  public static final int WARM_UP = 20;
  static final int REPLAYS = 10;
  private static final long SEED = 42;
  private static final com.sun.management.OperatingSystemMXBean PROCESS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** The rows of the breakdown, each the sum of some parts of {@link CharLmStep}. */
  private enum Row {
    EMBEDDING_FORWARD("embedding, forward"),
    PROJECTION_FORWARD("LSTM input projection x W_ih^T + b, forward (apart)"),
    RECURRENT_FORWARD("LSTM recurrent loop, forward"),
    OUTPUT_FORWARD("output Linear + cross-entropy, forward"),
    OUTPUT_BACKWARD("output Linear + cross-entropy, backward"),
    RECURRENT_BACKWARD("LSTM recurrent loop, backward"),
    PROJECTION_BACKWARD("LSTM input projection, backward"),
    EMBEDDING_BACKWARD("embedding + storing gradients, backward"),
    CLIP("clip to global norm 1.0"),
    OPTIMIZER("Adam step"),
    OTHER("zeroGrad, loss.item()");

    final String label;

    Row(String label) {
      this.label = label;
    }
  }

  /** One thread count's figures. */
  record Measured(int threads, double medianMs, double cpuMs, double loss, double[] rowMs, double stepMs,
      OpProfile profile) {}

  private CharLmTrainBench() {}

  /** The model, with weights seeded so every run starts from the same point. */
  static CharLm model(int vocabulary) {
    return new CharLm(vocabulary, EMBEDDING, HIDDEN, new Rng(SEED));
  }

  /**
   * {@code warmUp} and then {@code steps} timed steps at each of {@code threads}, printed to {@code out}; then, if
   * {@code pytorch}, the same in PyTorch (20 warm-up steps, {@code steps} timed) and the ratios.
   */
  public static void run(int warmUp, int steps, int[] threads, boolean pytorch, PrintStream out)
      throws InterruptedException {
    CharCorpus corpus = CharCorpus.tinyShakespeare();
    int vocabulary = corpus.vocabulary().size();
    out.printf(Locale.ROOT, "JDK %s, kernels: %s, %d cores, load average at start %.2f%n", Runtime.version(),
        Kernels.get().name(), Runtime.getRuntime().availableProcessors(), PROCESS.getSystemLoadAverage());
    out.printf(Locale.ROOT, "char LM Embedding(%d, %d)-LSTM(%d, %d)-Linear(%d, %d), batch %d x %d characters of"
        + " tinyshakespeare, Adam %s, clip %.1f; %d warm-up steps, then the median of %d%n", vocabulary, EMBEDDING,
        EMBEDDING, HIDDEN, HIDDEN, vocabulary, BATCH, LENGTH, LR, CLIP_NORM, warmUp, steps);
    out.println("ms/step: wall clock, zeroGrad to loss.item(); CPU ms/step: CPU time of the whole process per"
        + " step (all threads, GC and JIT included)");
    out.printf("%7s %10s %12s %10s%n", "threads", "ms/step", "CPU ms/step", "loss");
    List<Measured> measured = new ArrayList<>();
    int saved = Parallelism.threads();
    try {
      for (int t : threads) {
        Parallelism.setThreads(t);
        Measured m = measure(t, corpus.train(), vocabulary, warmUp, steps);
        measured.add(m);
        out.printf(Locale.ROOT, "%7d %10.2f %12.2f %10.4f%n", t, m.medianMs(), m.cpuMs(), m.loss());
      }
    } finally {
      Parallelism.setThreads(saved);
    }
    if (pytorch) {
      compare(measured, steps, out);
    }
    breakdown(measured, out);
    Measured last = measured.get(measured.size() - 1);
    out.printf("%nWhere the timed steps' time went by op (%d thread(s)):%n", last.threads());
    out.print(last.profile().table());
    out.printf(Locale.ROOT, "load average at end %.2f%n", PROCESS.getSystemLoadAverage());
  }

  /** Trains a fresh model {@code warmUp} steps, then times {@code steps} more. */
  static Measured measure(int threads, long[] text, int vocabulary, int warmUp, int steps) {
    CharLm model = model(vocabulary);
    CharLmStep step = new CharLmStep(model, new Adam(model.parameters(), LR));
    CharWindows windows = new CharWindows(text, BATCH, LENGTH, SEED);
    long[] marks = new long[Part.MARKS];
    for (int i = 0; i < warmUp; i++) {
      step.run(windows.next(), marks);
    }
    double[] stepMs = new double[steps];
    double[] partMs = new double[Part.values().length];
    double loss = Double.NaN;
    long cpu0 = PROCESS.getProcessCpuTime();
    OpProfile profile;
    try (OpProfile p = OpProfile.start()) {
      for (int i = 0; i < steps; i++) {
        loss = step.run(windows.next(), marks);
        for (Part part : Part.values()) {
          partMs[part.ordinal()] += (marks[part.ordinal() + 1] - marks[part.ordinal()]) / 1e6 / steps;
        }
        stepMs[i] = (marks[Part.MARKS - 1] - marks[0] - (marks[Part.SEARCH.ordinal() + 1]
            - marks[Part.SEARCH.ordinal()])) / 1e6;
      }
      profile = p;
    }
    double cpuMs = (PROCESS.getProcessCpuTime() - cpu0) / 1e6 / steps;
    double projectionForward = replayMs(step);
    double[] rows = rows(partMs, projectionForward);
    double mean = Arrays.stream(stepMs).average().orElse(Double.NaN);
    return new Measured(threads, median(stepMs), cpuMs, loss, rows, mean, profile);
  }

  /** The median milliseconds of {@value #REPLAYS} replays of the last step's input projection. */
  private static double replayMs(CharLmStep step) {
    double[] ms = new double[REPLAYS];
    for (int i = 0; i < REPLAYS; i++) {
      long t0 = System.nanoTime();
      step.replayProjection();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    return median(ms);
  }

  /** The breakdown's rows from the mean milliseconds of the step's parts and the replayed projection. */
  static double[] rows(double[] partMs, double projectionForward) {
    double[] rows = new double[Row.values().length];
    rows[Row.EMBEDDING_FORWARD.ordinal()] = partMs[Part.EMBEDDING_FORWARD.ordinal()];
    rows[Row.PROJECTION_FORWARD.ordinal()] = projectionForward;
    rows[Row.RECURRENT_FORWARD.ordinal()] = partMs[Part.LSTM_FORWARD.ordinal()] - projectionForward;
    rows[Row.OUTPUT_FORWARD.ordinal()] = partMs[Part.OUTPUT_FORWARD.ordinal()];
    rows[Row.OUTPUT_BACKWARD.ordinal()] = partMs[Part.OUTPUT_BACKWARD.ordinal()];
    rows[Row.RECURRENT_BACKWARD.ordinal()] = partMs[Part.RECURRENT_BACKWARD.ordinal()];
    rows[Row.PROJECTION_BACKWARD.ordinal()] = partMs[Part.PROJECTION_BACKWARD.ordinal()];
    rows[Row.EMBEDDING_BACKWARD.ordinal()] = partMs[Part.EMBEDDING_BACKWARD.ordinal()];
    rows[Row.CLIP.ordinal()] = partMs[Part.CLIP.ordinal()];
    rows[Row.OPTIMIZER.ordinal()] = partMs[Part.OPTIMIZER.ordinal()];
    rows[Row.OTHER.ordinal()] = partMs[Part.ZERO_GRAD.ordinal()] + partMs[Part.ITEM.ordinal()];
    return rows;
  }

  /** PyTorch at the matching settings, and chainrule's time over the best of them per thread count. */
  private static void compare(List<Measured> measured, int steps, PrintStream out) throws InterruptedException {
    List<String> settings = new ArrayList<>();
    for (Measured m : measured) {
      TorchReference.settingsFor(m.threads()).stream().filter(s -> !settings.contains(s)).forEach(settings::add);
    }
    out.println();
    if (settings.isEmpty()) {
      out.println("PyTorch: skipped, no PyTorch setting matches threads " + Arrays.toString(
          measured.stream().mapToInt(Measured::threads).toArray()));
      return;
    }
    Optional<List<TorchReference.Result>> results = TorchReference.run(steps, settings, out);
    if (results.isEmpty()) {
      return;
    }
    out.printf("%7s %12s %18s %12s %10s %18s%n", "threads", "chainrule ms", "PyTorch setting", "PyTorch ms",
        "loss", "chainrule/PyTorch");
    for (Measured m : measured) {
      List<String> matching = TorchReference.settingsFor(m.threads());
      Optional<TorchReference.Result> best = results.get().stream().filter(r -> matching.contains(r.setting()))
          .min((a, b) -> Double.compare(a.msPerStep(), b.msPerStep()));
      for (TorchReference.Result r : results.get()) {
        if (matching.contains(r.setting())) {
          boolean isBest = best.isPresent() && r == best.get();
          out.printf(Locale.ROOT, "%7d %12.2f %18s %12.2f %10.4f %18s%n", m.threads(), m.medianMs(), r.setting(),
              r.msPerStep(), r.loss(), isBest ? String.format(Locale.ROOT, "%.2fx", m.medianMs() / r.msPerStep())
                  : "");
        }
      }
    }
  }

  /** The mean milliseconds of each part per thread count, with its share of the mean step. */
  private static void breakdown(List<Measured> measured, PrintStream out) {
    out.printf("%nWhere a step's time goes (means over the timed steps, ms, and share of the mean step):%n");
    StringBuilder header = new StringBuilder(String.format("%-52s", "part"));
    for (Measured m : measured) {
      header.append(String.format("%10s %6s", m.threads() + " thr", "share"));
    }
    out.println(header);
    for (Row row : Row.values()) {
      line(out, row.label, measured, m -> m.rowMs()[row.ordinal()]);
    }
    line(out, "forward", measured, m -> sum(m, Row.EMBEDDING_FORWARD, Row.OUTPUT_FORWARD));
    line(out, "backward", measured, m -> sum(m, Row.OUTPUT_BACKWARD, Row.EMBEDDING_BACKWARD));
    line(out, "clip + optimizer", measured, m -> sum(m, Row.CLIP, Row.OPTIMIZER));
    line(out, "step (mean)", measured, Measured::stepMs);
  }

  private static double sum(Measured m, Row from, Row to) {
    double s = 0;
    for (int r = from.ordinal(); r <= to.ordinal(); r++) {
      s += m.rowMs()[r];
    }
    return s;
  }

  private static void line(PrintStream out, String label, List<Measured> measured,
      ToDoubleFunction<Measured> ms) {
    StringBuilder line = new StringBuilder(String.format("%-52s", label));
    for (Measured m : measured) {
      double v = ms.applyAsDouble(m);
      line.append(String.format(Locale.ROOT, "%10.2f %5.1f%%", v, 100 * v / m.stepMs()));
    }
    out.println(line);
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
