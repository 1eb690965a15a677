package dev.chainrule.examples.lessons;

import dev.chainrule.autodiff.GradMode;
import dev.chainrule.nn.train.LineChart;
import dev.chainrule.nn.train.PlaneChart;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Lesson 8: SGD, momentum, Nesterov, Adagrad, Adadelta, RMSprop and Adam on the same small classifier and on a
 * two-parameter valley whose loss surface can be drawn with each optimizer's path on it. See {@link OptimizerRace}
 * for the set-up and {@code docs/optim.md} for the update equations.
 */
public final class OptimizersLesson implements Lesson {
  static final double CLASSIFIER_TARGET = 0.3;
  static final double VALLEY_TARGET = 1e-3;
  private static final PlaneGrid GRID = new PlaneGrid(-2.5, 3, 80);

  /** Both races, and the valley's loss on the grid of the picture. */
  record Result(List<OptimizerRace.Run> classifier, List<OptimizerRace.Run> valley, double[][] surface) {
    OptimizerRace.Run fastestClassifier() {
      return OptimizerRace.fastest(classifier, CLASSIFIER_TARGET);
    }

    OptimizerRace.Run fastestValley() {
      return OptimizerRace.fastest(valley, VALLEY_TARGET);
    }
  }

  @Override
  public String name() {
    return "optimizers";
  }

  @Override
  public String title() {
    return "Optimizers";
  }

  @Override
  public String summary() {
    return "Seven optimizers race on one classifier and down one curved valley, whose loss surface shows their"
        + " paths.";
  }

  static Result compute() {
    double[][] surface;
    try (var off = GradMode.off()) {
      surface = GRID.rows(Valley.f(GRID.points()));
    }
    return new Result(OptimizerRace.classifier(), OptimizerRace.valley(), surface);
  }

  @Override
  public void run(LessonContext context) throws IOException {
    Result r = compute();
    PrintStream out = context.out();
    out.println("Every optimizer updates the same parameters from the same gradients; they differ in what they");
    out.println("remember between steps:");
    out.println("  SGD        w -= lr g                                   nothing");
    out.println("  Momentum   b = mu b + g;  w -= lr b                    a running sum of gradients (velocity)");
    out.println("  Nesterov   b = mu b + g;  w -= lr (g + mu b)           the same, looking one step ahead");
    out.println("  Adagrad    s += g^2;  w -= lr g / sqrt(s)              all squared gradients: steps shrink");
    out.println("  Adadelta   like RMSprop, scaled by the RMS of its own past steps");
    out.println("  RMSprop    v = a v + (1-a) g^2;  w -= lr g / sqrt(v)   a running mean of squared gradients");
    out.println("  Adam       momentum on g and RMSprop on g^2, both bias-corrected");
    out.println();
    out.printf(Locale.ROOT, "1. The flower classifier (2-8-1, tanh), full batch, %d steps, same data and"
        + " initial weights.%n", OptimizerRace.CLASSIFIER_STEPS);
    table(out, r.classifier(), CLASSIFIER_TARGET);
    out.printf(Locale.ROOT, "   Fastest below %.1f: %s.%n%n", CLASSIFIER_TARGET, describe(r.fastestClassifier(),
        CLASSIFIER_TARGET));
    out.printf(Locale.ROOT, "2. The valley f(u, v) = (1 - u)^2 + %.0f (v - u^2)^2, minimum 0 at (1, 1), from (%.1f,"
        + " %.1f), %d steps.%n", Valley.WALL, OptimizerRace.VALLEY_START[0], OptimizerRace.VALLEY_START[1],
        OptimizerRace.VALLEY_STEPS);
    table(out, r.valley(), VALLEY_TARGET);
    out.printf(Locale.ROOT, "   Fastest below %.0e: %s.%n%n", VALLEY_TARGET, describe(r.fastestValley(),
        VALLEY_TARGET));
    out.println("What to notice: plain SGD must keep its rate small enough for the steep walls, so it crawls");
    out.println("along the flat floor. Momentum builds up speed along the floor and overshoots across it.");
    out.println("Adagrad's steps only ever shrink; RMSprop and Adam forget old gradients and keep moving.");
    out.println("Adam's step is about lr in every coordinate whatever the gradient's size, which is why one");
    out.println("learning rate tends to work for it across problems. The rates are tuned per optimizer here;");
    out.println("a ranking with other rates, or on another problem, can come out differently.");

    lossChart("Flower classifier: training cost", "cost", r.classifier())
        .writeSvg(context.file("classifier-loss.svg"));
    lossChart("Valley: f along each path", "f(u, v)", r.valley()).writeSvg(context.file("valley-loss.svg"));
    PlaneChart paths = new PlaneChart("Valley f(u, v) and each optimizer's path", "u", "v")
        .field(r.surface(), GRID.min(), GRID.max(), GRID.min(), GRID.max(), "f(u, v)").logColors();
    for (OptimizerRace.Run run : r.valley()) {
      paths.path(run.name(), run.us(), run.vs());
    }
    paths.writeSvg(context.file("valley-paths.svg"));
  }

  private static void table(PrintStream out, List<OptimizerRace.Run> runs, double target) {
    out.printf(Locale.ROOT, "     optimizer  learning rate   loss at start   final loss   steps to %.0e%n", target);
    for (OptimizerRace.Run run : runs) {
      int steps = run.stepsTo(target);
      out.printf(Locale.ROOT, "     %-9s %14s %15.4f %12.3e   %s%n", run.name(), rate(run.rate()), run.losses()[0],
          run.finalLoss(), steps < 0 ? "not reached" : String.valueOf(steps));
    }
  }

  private static String rate(double rate) {
    return String.format(Locale.ROOT, "%.3f", rate).replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  private static String describe(OptimizerRace.Run run, double target) {
    int steps = run.stepsTo(target);
    return steps < 0 ? run.name() + " (no one reached it; lowest final loss)"
        : String.format(Locale.ROOT, "%s, after %d steps", run.name(), steps);
  }

  private static LineChart lossChart(String title, String yLabel, List<OptimizerRace.Run> runs) {
    LineChart chart = new LineChart(title, "step", yLabel).logY();
    for (int i = 0; i < runs.size(); i++) {
      OptimizerRace.Run run = runs.get(i);
      double[] steps = new double[run.losses().length];
      for (int t = 0; t < steps.length; t++) {
        steps[t] = t;
      }
      // LineChart has six colours; the seventh series repeats the first, so it is dashed
      chart.series(run.name(), steps, run.losses(), i < 6 ? LineChart.Style.LINE : LineChart.Style.DASHED);
    }
    return chart;
  }
}
