package dev.chainrule.examples.lessons;

import static dev.chainrule.examples.lessons.RegularizationExperiment.EPOCHS;
import static dev.chainrule.examples.lessons.RegularizationExperiment.HIDDEN;
import static dev.chainrule.examples.lessons.RegularizationExperiment.HIDDEN_KEEP_PROB;
import static dev.chainrule.examples.lessons.RegularizationExperiment.INPUT_KEEP_PROB;
import static dev.chainrule.examples.lessons.RegularizationExperiment.LAMBDA;
import static dev.chainrule.examples.lessons.RegularizationExperiment.PATIENCE;

import dev.chainrule.examples.lessons.RegularizationExperiment.Result;
import dev.chainrule.examples.lessons.RegularizationExperiment.Run;
import dev.chainrule.examples.lessons.RegularizationExperiment.Stop;
import dev.chainrule.examples.lessons.SplitCurves.Fit;
import dev.chainrule.nn.train.LineChart;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Lesson 7: a network that memorises a small training set, and three ways to make it generalise better: an L2
 * penalty on the weights, dropout, and early stopping. The numbers come from {@link RegularizationExperiment};
 * this class prints them and draws the training and validation curves of each run.
 */
public final class RegularizationLesson implements Lesson {

  @Override
  public String name() {
    return "regularization";
  }

  @Override
  public String title() {
    return "Regularization";
  }

  @Override
  public String summary() {
    return "A wide network over-fits 57 examples; L2, dropout and early stopping shrink the train-validation gap.";
  }

  /** The four runs of the lesson. */
  Result compute() {
    return RegularizationExperiment.onBreastCancer().run();
  }

  @Override
  public void run(LessonContext context) throws IOException {
    Result result = compute();
    PrintStream out = context.out();
    out.printf(Locale.ROOT, "Breast cancer data: %d training examples, %d for validation, standardised.%n",
        result.trainSize(), result.validationSize());
    out.printf(Locale.ROOT, "Network 30 -> %d -> %d -> 2 (ReLU), cross-entropy, Adam, %d epochs; every run starts"
        + " from the same weights.%n%n", HIDDEN, HIDDEN, EPOCHS);
    out.printf(Locale.ROOT, "plain           J = cross-entropy%n");
    out.printf(Locale.ROOT, "L2              J + lambda/(2m) * sum ||W||^2, lambda = %s, m = %d%n", LAMBDA,
        result.trainSize());
    out.printf(Locale.ROOT, "dropout         keep_prob %s on the inputs, %s on each hidden layer, survivors"
        + " scaled by 1/keep_prob%n", INPUT_KEEP_PROB, HIDDEN_KEEP_PROB);
    out.printf(Locale.ROOT, "early stopping  plain, stopped after %d epochs without a lower validation loss,"
        + " best weights restored%n%n", PATIENCE);
    out.println("Measured at the end (eval mode, plain cross-entropy, no penalty):");
    out.println("  run              train loss  val loss    gap   train acc  val acc");
    for (Run run : result.runs()) {
      Fit f = run.last();
      out.printf(Locale.ROOT, "  %-15s  %10.4f  %8.4f  %6.4f  %8.1f%%  %6.1f%%%n", run.name(), f.trainLoss(),
          f.validationLoss(), f.lossGap(), 100 * f.trainAccuracy(), 100 * f.validationAccuracy());
    }
    Run plain = result.run("plain");
    int lowest = argMin(plain.curve(), Fit::validationLoss);
    out.printf(Locale.ROOT, "%nWithout regularization the validation loss is lowest at epoch %d (%.4f) and then"
        + " climbs to %.4f%nwhile the training loss keeps falling: the network memorises its %d examples.%n",
        lowest + 1, plain.curve().get(lowest).validationLoss(), plain.last().validationLoss(),
        result.trainSize());
    Stop stop = result.stop();
    out.printf(Locale.ROOT, "Early stopping stopped after epoch %d of %d and put back the weights of epoch %d"
        + " (validation loss %.4f).%n", stop.stoppedEpoch(), EPOCHS, stop.bestEpoch(), stop.bestValidationLoss());
    out.println("L2 and dropout keep training all the way, but the training loss no longer reaches zero and the"
        + " gap is smaller.");
    for (Run run : result.runs()) {
      LineChart chart = chart(run);
      if (run.name().equals("early stopping")) {
        chart.series("not stopped", epochs(plain.curve().size()), values(plain.curve(), Fit::validationLoss),
            LineChart.Style.DASHED);
        chart.series("restored", new double[] {stop.bestEpoch()}, new double[] {stop.bestValidationLoss()},
            LineChart.Style.MARKERS);
      }
      chart.writeSvg(context.file(run.name().replace(' ', '-').toLowerCase(Locale.ROOT) + ".svg"));
    }
    validationChart(result.runs()).writeSvg(context.file("validation.svg"));
  }

  /** Training and validation loss of one run per epoch. */
  private static LineChart chart(Run run) {
    double[] epochs = epochs(run.curve().size());
    return new LineChart(run.name() + ": cross-entropy per epoch", "epoch", "loss")
        .series("train", epochs, values(run.curve(), Fit::trainLoss))
        .series("validation", epochs, values(run.curve(), Fit::validationLoss));
  }

  /** The validation loss of every run on one chart. */
  private static LineChart validationChart(List<Run> runs) {
    LineChart chart = new LineChart("Validation loss of the four runs", "epoch", "validation loss");
    for (Run run : runs) {
      chart.series(run.name(), epochs(run.curve().size()), values(run.curve(), Fit::validationLoss));
    }
    return chart;
  }

  private static double[] epochs(int count) {
    double[] epochs = new double[count];
    for (int i = 0; i < count; i++) {
      epochs[i] = i + 1;
    }
    return epochs;
  }

  private static double[] values(List<Fit> curve, ToDoubleFunction<Fit> value) {
    return curve.stream().mapToDouble(value).toArray();
  }

  /** The index of the smallest value of {@code value} along {@code curve}. */
  static int argMin(List<Fit> curve, ToDoubleFunction<Fit> value) {
    int best = 0;
    for (int i = 1; i < curve.size(); i++) {
      if (value.applyAsDouble(curve.get(i)) < value.applyAsDouble(curve.get(best))) {
        best = i;
      }
    }
    return best;
  }
}
