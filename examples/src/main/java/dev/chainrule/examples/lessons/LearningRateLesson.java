package dev.chainrule.examples.lessons;

import static dev.chainrule.examples.lessons.LearningRateExperiment.EPOCHS;
import static dev.chainrule.examples.lessons.LearningRateExperiment.HIDDEN;
import static dev.chainrule.examples.lessons.LearningRateExperiment.HOUSES;

import dev.chainrule.examples.lessons.LearningRateExperiment.Run;
import dev.chainrule.nn.train.LineChart;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Lesson 9: the same network trained with a learning rate that is too small, a good one, a large one that
 * overshoots before it settles, and one so large that the loss grows without bound. The numbers come from
 * {@link LearningRateExperiment}; this class prints them and draws the four loss curves on one chart.
 */
public final class LearningRateLesson implements Lesson {
  /** Losses above this are drawn at this height, so a diverging run does not flatten the others. */
  static final double CLIP = 100;
  private static final int[] SHOWN_EPOCHS = {1, 2, 3, 4, 5, 10, 50, EPOCHS};

  @Override
  public String name() {
    return "learning-rate";
  }

  @Override
  public String title() {
    return "Learning rate";
  }

  @Override
  public String summary() {
    return "One network, four learning rates: too small crawls, good converges, large overshoots, too large"
        + " diverges.";
  }

  /** The four runs, in increasing learning rate. */
  List<Run> compute() {
    return LearningRateExperiment.onHousePrices().run();
  }

  @Override
  public void run(LessonContext context) throws IOException {
    List<Run> runs = compute();
    PrintStream out = context.out();
    out.printf(Locale.ROOT, "%d synthetic houses (area, rooms, age, distance; standardised), price in 100k"
        + " euros.%n", HOUSES);
    out.printf(Locale.ROOT, "Network 4 -> %d (ReLU) -> 1, mean squared error, full-batch gradient descent"
        + " theta := theta - alpha * dJ/dtheta,%n%d epochs of one step each; same initial weights every run.%n%n",
        HIDDEN, EPOCHS);
    StringBuilder header = new StringBuilder("  alpha  ");
    for (int epoch : SHOWN_EPOCHS) {
      header.append(String.format(Locale.ROOT, "%10s", "epoch " + epoch));
    }
    out.println("Loss J at the start of each epoch (epoch 1: the initial weights; one step per epoch):");
    out.println(header);
    for (Run run : runs) {
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-6s ", run.learningRate()));
      for (int epoch : SHOWN_EPOCHS) {
        row.append(String.format(Locale.ROOT, "%10s", cell(run, epoch)));
      }
      out.println(row);
    }
    out.println();
    for (Run run : runs) {
      out.printf(Locale.ROOT, "alpha = %-5s %s%n", run.learningRate(), verdict(run, runs));
    }
    for (Run run : runs) {
      if (run.diverged()) {
        out.printf(Locale.ROOT, "%nThe trainer stopped the alpha = %s run: \"%s\"%n", run.learningRate(),
            run.error());
      }
    }
    chart(runs).writeSvg(context.file("loss.svg"));
  }

  /** The loss of {@code run} at {@code epoch}; {@code stopped} once the run diverged. */
  private static String cell(Run run, int epoch) {
    if (epoch <= run.losses().length) {
      return String.format(Locale.ROOT, "%.4g", run.losses()[epoch - 1]);
    }
    return "stopped";
  }

  /** One line on what a run did, compared with the others. */
  static String verdict(Run run, List<Run> runs) {
    double[] l = run.losses();
    if (run.diverged()) {
      return String.format(Locale.ROOT, "too large: the loss grows by a factor of %.0f or more every step and is"
          + " infinite at epoch %d", minimumGrowth(l), run.divergedAt());
    }
    double best = runs.stream().filter(r -> !r.diverged()).mapToDouble(Run::finalLoss).min().orElseThrow();
    if (run.finalLoss() > 10 * best) {
      return String.format(Locale.ROOT, "too small: after %d steps the loss is still %.1f times the best",
          l.length, run.finalLoss() / best);
    }
    int rise = firstRise(l);
    if (rise > 0) {
      return String.format(Locale.ROOT, "large: the loss rises at epoch %d (%.3g -> %.3g), overshooting, before"
          + " it settles at %.4f", rise + 1, l[rise - 1], l[rise], run.finalLoss());
    }
    return String.format(Locale.ROOT, "good: the loss falls at every step, to %.4f", run.finalLoss());
  }

  /** The first index whose loss is higher than the one before, 0 when the losses never rise. */
  static int firstRise(double[] losses) {
    for (int i = 1; i < losses.length; i++) {
      if (losses[i] > losses[i - 1]) {
        return i;
      }
    }
    return 0;
  }

  /** The smallest ratio of one recorded loss to the one before. */
  static double minimumGrowth(double[] losses) {
    double growth = Double.POSITIVE_INFINITY;
    for (int i = 1; i < losses.length; i++) {
      growth = Math.min(growth, losses[i] / losses[i - 1]);
    }
    return growth;
  }

  /** The four curves on a log scale, clipped at {@link #CLIP}, with a dot where a run diverged. */
  private static LineChart chart(List<Run> runs) {
    LineChart chart = new LineChart("Training loss (log scales; clipped at " + (int) CLIP + ")",
        "epoch (log scale)", "MSE").logX().logY();
    for (Run run : runs) {
      double[] losses = run.losses();
      double[] epochs = new double[losses.length];
      double[] clipped = new double[losses.length];
      for (int i = 0; i < losses.length; i++) {
        epochs[i] = i + 1;
        clipped[i] = Math.min(losses[i], CLIP);
      }
      chart.series("alpha " + run.learningRate(), epochs, clipped);
    }
    for (Run run : runs) {
      if (run.diverged()) {
        chart.series("inf at epoch " + run.divergedAt(), new double[] {run.divergedAt()}, new double[] {CLIP},
            LineChart.Style.MARKERS);
      }
    }
    return chart;
  }
}
