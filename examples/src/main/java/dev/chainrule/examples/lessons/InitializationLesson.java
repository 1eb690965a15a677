package dev.chainrule.examples.lessons;

import dev.chainrule.examples.lessons.InitExperiments.DepthRun;
import dev.chainrule.examples.lessons.InitExperiments.SymmetryRun;
import dev.chainrule.nn.diagnostics.SymmetryReport;
import dev.chainrule.nn.train.LineChart;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Lesson 6: why weights start random, and at what scale. Zero initialisation leaves the hidden units of a layer
 * identical, which the {@link dev.chainrule.nn.diagnostics.SymmetryDetector} reports before and after training;
 * on a deep ReLU network, small random weights make every gradient vanish while He initialisation keeps the
 * gradient norms level from layer to layer (see {@link InitExperiments} for the set-up).
 */
public final class InitializationLesson implements Lesson {
  private static final long SEED = 6;

  /** The symmetry run and the deep-network run of every scheme, in the order of {@link InitScheme}. */
  record Result(List<SymmetryRun> symmetry, List<DepthRun> depth) {
    SymmetryRun symmetry(InitScheme scheme) {
      return symmetry.get(scheme.ordinal());
    }

    DepthRun depth(InitScheme scheme) {
      return depth.get(scheme.ordinal());
    }
  }

  @Override
  public String name() {
    return "initialization";
  }

  @Override
  public String title() {
    return "Initialization";
  }

  @Override
  public String summary() {
    return "Zero initialisation keeps hidden units identical; small random, Xavier and He compared by gradient"
        + " norms per layer.";
  }

  /** Runs both experiments for every scheme on the same split of the digits. */
  static Result compute() {
    StandardizedDigits digits = StandardizedDigits.load(SEED);
    List<SymmetryRun> symmetry = new ArrayList<>();
    List<DepthRun> depth = new ArrayList<>();
    for (InitScheme scheme : InitScheme.values()) {
      symmetry.add(InitExperiments.symmetry(scheme, digits, SEED));
      depth.add(InitExperiments.depth(scheme, digits, SEED));
    }
    return new Result(symmetry, depth);
  }

  @Override
  public void run(LessonContext context) throws IOException {
    PrintStream out = context.out();
    Result r = compute();
    out.printf(Locale.ROOT, "1. Symmetry. A 64-16-10 network with a sigmoid hidden layer, trained with SGD (learning"
        + " rate %.1f).%n", InitExperiments.SYMMETRY_LEARNING_RATE);
    out.println("   The symmetry detector lists the units of each layer whose weight rows (or gradient rows)");
    out.println("   are identical.");
    for (SymmetryRun s : r.symmetry()) {
      if (s.atStart().isEmpty() && s.afterTraining().isEmpty()) {
        out.printf(Locale.ROOT, "   %-13s no identical units, neither after the first backward nor after %d steps"
            + " (|W[1]| = %.3f)%n", s.scheme().label(), s.steps(), s.hiddenWeightNorm());
        continue;
      }
      out.printf(Locale.ROOT, "   %-13s after the first backward:%s%n", s.scheme().label(), findings(s.atStart()));
      out.printf(Locale.ROOT, "   %-13s after %d steps (|W[1]| = %.3f):%s%n", "", s.steps(), s.hiddenWeightNorm(),
          findings(s.afterTraining()));
    }
    out.println("   With zeros every hidden unit computes the same sigmoid of the same sum, so it receives the");
    out.println("   same gradient and takes the same step: W[1] does move away from 0, but its 16 rows stay");
    out.println("   equal, and the layer is worth one unit. The output units differ because their labels do.");
    out.println("   Any random start breaks the tie, and the detector finds nothing.");
    out.println();
    out.printf(Locale.ROOT, "2. Scale. A ReLU network of %d layers, 64-%s-10, biases 0, one backward on 256 digits.%n",
        InitExperiments.DEPTH, String.join("-", Collections.nCopies(InitExperiments.DEPTH - 1,
            Integer.toString(InitExperiments.WIDTH))));
    out.println("   Gradient norms per layer (GradientNorms), layer 1 = input side:");
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "   %-13s %-6s", "scheme", ""));
    for (int l = 1; l <= InitExperiments.DEPTH; l++) {
      header.append(String.format(Locale.ROOT, " %-9s", "layer " + l));
    }
    out.println(header.toString().stripTrailing());
    for (DepthRun d : r.depth()) {
      row(out, d.scheme().label(), "|dW|", d.weightGradients());
      row(out, "", "|db|", d.biasGradients());
    }
    DepthRun small = r.depth(InitScheme.SMALL_RANDOM);
    DepthRun xavier = r.depth(InitScheme.XAVIER);
    DepthRun he = r.depth(InitScheme.HE);
    out.println("   db[l] is the backward signal dZ[l] summed over the batch. With N(0, 0.01^2) weights it shrinks");
    out.printf(Locale.ROOT, "   by a factor of about %.0f per layer on its way back: layer 1 gets %.1e of what layer"
        + " %d gets.%n", Math.pow(last(small.biasGradients()) / small.biasGradients()[0],
            1.0 / (InitExperiments.DEPTH - 1)), small.biasGradients()[0] / last(small.biasGradients()),
        InitExperiments.DEPTH);
    out.println("   dW[l] = dZ[l]^T A[l-1] multiplies that signal by the activations, which shrink the same way");
    out.printf(Locale.ROOT, "   going forward, so every layer's dW is tiny (%.0e), not only the early ones'.%n",
        small.weightGradients()[0]);
    out.printf(Locale.ROOT, "   He (Var W = 2 / n[l-1]) makes up for ReLU zeroing half of its inputs: |dW| stays"
        + " within a%n   factor %.1f over all layers. Xavier (Var W = 2 / (n[l-1] + n[l])) is made for tanh; with"
        + " ReLU%n   the signal still fades, layer 1's |db| being %.2f of layer %d's (He: %.2f).%n",
        spread(he.weightGradients()), xavier.biasGradients()[0] / last(xavier.biasGradients()),
        InitExperiments.DEPTH, he.biasGradients()[0] / last(he.biasGradients()));
    out.println();
    out.printf(Locale.ROOT, "   Training loss per epoch, SGD with learning rate %.2f:%n",
        InitExperiments.LEARNING_RATE);
    for (DepthRun d : r.depth()) {
      out.printf(Locale.ROOT, "   %-13s", d.scheme().label());
      for (double loss : d.loss()) {
        out.printf(Locale.ROOT, " %.3f", loss);
      }
      out.println();
    }
    out.printf(Locale.ROOT, "   Zeros and small random stay at ln 10 = %.3f, the loss of guessing uniformly: (almost)"
        + " no gradient%n   reaches the weights. He learns fastest.%n", Math.log(10));
    plot(context, r);
  }

  private static void plot(LessonContext context, Result r) throws IOException {
    double[] layers = new double[InitExperiments.DEPTH];
    Arrays.setAll(layers, i -> i + 1);
    LineChart weights = new LineChart("Weight gradient norm per layer, ReLU network", "layer", "|dW|").logY();
    LineChart biases = new LineChart("Bias gradient norm per layer (the backward signal)", "layer", "|db|").logY();
    LineChart loss = new LineChart("Training loss, " + InitExperiments.DEPTH + "-layer ReLU network", "epoch",
        "loss");
    for (DepthRun d : r.depth()) {
      double[] epochs = new double[d.loss().length];
      Arrays.setAll(epochs, i -> i + 1);
      LineChart.Style style = d.scheme() == InitScheme.ZEROS ? LineChart.Style.DASHED : LineChart.Style.LINE;
      loss.series(d.scheme().label(), epochs, d.loss(), style);
      if (d.scheme() != InitScheme.ZEROS) {
        weights.series(d.scheme().label(), layers, d.weightGradients());
        biases.series(d.scheme().label(), layers, d.biasGradients());
      }
    }
    weights.writeSvg(context.file("weight-gradients.svg"));
    biases.writeSvg(context.file("bias-gradients.svg"));
    loss.writeSvg(context.file("loss.svg"));
  }

  /** One indented line per finding, e.g. {@code 64->16 layer: weights of all 16 units equal}. */
  private static String findings(SymmetryReport report) {
    if (report.isEmpty()) {
      return " no identical units";
    }
    StringBuilder lines = new StringBuilder();
    for (SymmetryReport.Finding f : report.findings()) {
      List<Integer> sizes = f.groups().stream().map(List::size).toList();
      lines.append(String.format(Locale.ROOT, "%n%19s%d->%d layer: %s of %s", "", f.inFeatures(), f.outFeatures(),
          f.kind().name().toLowerCase(Locale.ROOT), sizes.size() == 1 && sizes.get(0) == f.outFeatures()
              ? "all " + f.outFeatures() + " units equal" : "units equal in groups of " + sizes));
    }
    return lines.toString();
  }

  private static void row(PrintStream out, String scheme, String what, double[] values) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "   %-13s %-6s", scheme, what));
    for (double v : values) {
      line.append(String.format(Locale.ROOT, " %-9.2e", v));
    }
    out.println(line.toString().stripTrailing());
  }

  private static double last(double[] values) {
    return values[values.length - 1];
  }

  /** The largest value over the smallest. */
  static double spread(double[] values) {
    return Arrays.stream(values).max().orElseThrow() / Arrays.stream(values).min().orElseThrow();
  }
}
