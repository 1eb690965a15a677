package dev.chainrule.examples.lessons;

import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.nn.train.LineChart;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Gradient checking: a custom op's backward compared with finite differences of its forward. A buggy Swish is
 * caught by {@link GradCheck} and by the relative error {@code ||a - n|| / (||a|| + ||n||)}, the fixed one
 * passes; at a kink (relu, abs) the central difference is not a derivative; and the step eps trades
 * truncation error against round-off.
 */
final class GradientCheckingLesson implements Lesson {
  /** The step used for the checks, GradCheck's default. */
  static final double EPS = GradCheck.defaults().eps();

  /** What the lesson shows: its three experiments. */
  record Findings(SwishCheck swish, KinkCheck kink, StepSizeSweep sweep) {}

  @Override
  public String name() {
    return "gradient-checking";
  }

  @Override
  public String title() {
    return "Gradient checking";
  }

  @Override
  public String summary() {
    return "Catches a wrong backward with central differences; kinks; how to choose eps.";
  }

  /** Runs the three experiments. */
  static Findings compute() {
    return new Findings(SwishCheck.run(EPS), KinkCheck.run(EPS), StepSizeSweep.run(SwishCheck.INPUTS));
  }

  @Override
  public void run(LessonContext context) throws IOException {
    Findings findings = compute();
    PrintStream out = context.out();
    out.println("Backward applies derivative rules someone wrote; forward alone gives the same numbers by");
    out.println("finite differences. The central difference of L along x_j,");
    out.println("  n_j = (L(x + eps e_j) - L(x - eps e_j)) / (2 eps) = dL/dx_j + eps^2 L''' / 6 + ...,");
    out.println("is off by O(eps^2), where the forward difference (L(x + eps e_j) - L(x)) / eps is off by O(eps).");
    out.println();
    printSwish(out, findings.swish());
    printKinks(out, findings.kink());
    printSweep(out, findings.sweep());
    chart(findings.sweep()).writeSvg(context.file("eps-sweep.svg"));
  }

  private static void printSwish(PrintStream out, SwishCheck check) {
    out.println("1. A custom op with a bug");
    out.println("Swish y = x sigmoid(x) has dy/dx = s + x s (1 - s) with s = sigmoid(x). BuggySwish's backward");
    out.println("dropped the x of the second term: s + s (1 - s). With L = sum(swish(x)), dL/dx_j = swish'(x_j):");
    printf(out, "  %6s %14s %14s %14s%n", "x", "numeric", "fixed", "buggy");
    for (int j = 0; j < check.inputs().length; j++) {
      printf(out, "  %6.1f %14.10f %14.10f %14.10f%n", check.inputs()[j], check.numeric()[j],
          check.fixedAnalytic()[j], check.buggyAnalytic()[j]);
    }
    out.println("The buggy rule is exact at x = 1, and nearly right for large |x|: one lucky test point");
    out.println("would have passed it. GradCheck on the buggy op:");
    out.println();
    out.print(indent(check.buggyFailure().getMessage()));
    out.println();
    out.println("Each row is an element whose analytic dL/dx_j (backward) and numeric one (central difference)");
    out.println("differ by more than atol + rtol |numeric|, worst first; x = 1 is not listed since it agrees.");
    out.println("GradCheck uses L = sum(v * f(x)) with a fixed random v in [0.5, 1.5), so each value is v_j times");
    out.println("the derivative above (with v = 1 a backward that forgot to multiply by g would agree); the");
    out.println("rel error column is per element, |analytic - numeric| / |numeric|.");
    out.println();
    out.println("One number for the whole gradient: the relative error ||a - n|| / (||a|| + ||n||). In float64");
    out.println("with central differences, below 1e-7 is fine, around 1e-5 deserves a look, 1e-3 or more is wrong.");
    printf(out, "  buggy Swish: %.2e  -> %s%n", check.buggyRelativeError(), Verdict.of(check.buggyRelativeError()));
    printf(out, "  fixed Swish: %.2e  -> %s%n", check.fixedRelativeError(), Verdict.of(check.fixedRelativeError()));
    out.println("GradCheck on the fixed Swish passes.");
    out.println();
  }

  private static void printKinks(PrintStream out, KinkCheck kink) {
    out.println("2. Kinks");
    out.println("Where a function has no derivative, the central difference averages the slopes on either side:");
    printf(out, "  %-4s %8s %10s %10s%n", "f", "x", "backward", "numeric");
    for (int j = 0; j < kink.reluInputs().length; j++) {
      printf(out, "  %-4s %8.1g %10.4f %10.4f%n", "relu", kink.reluInputs()[j], kink.reluAnalytic()[j],
          kink.reluNumeric()[j]);
    }
    for (int j = 0; j < kink.absInputs().length; j++) {
      printf(out, "  %-4s %8.1g %10.4f %10.4f%n", "abs", kink.absInputs()[j], kink.absAnalytic()[j],
          kink.absNumeric()[j]);
    }
    printf(out, "relu at 0: the difference straddles slopes 0 and 1 and gives 0.5; abs at 1e-7 with eps = %.0e:%n",
        EPS);
    out.println("the step crosses the kink and gives 0.1. Neither rule is wrong; GradCheck marks such elements:");
    out.println();
    out.print(indent(kink.failure().getMessage()));
    out.println();
  }

  private static void printSweep(PrintStream out, StepSizeSweep sweep) {
    out.println("3. Choosing eps");
    out.println("Relative error of numeric against analytic gradients of the fixed Swish, as eps shrinks:");
    printf(out, "  %8s %16s %16s %16s%n", "eps", "central float64", "forward float64", "central float32");
    for (int i = 0; i < sweep.eps().length; i += 2) {
      printf(out, "  %8.0e %16.2e %16.2e %16.2e%n", sweep.eps()[i], sweep.central64()[i], sweep.forward64()[i],
          sweep.central32()[i]);
    }
    printf(out, "Truncation error falls as eps^2 (central, slope %.2f from 1e-1 to 1e-2) or eps (forward, slope"
        + " %.2f);%n", sweep.slope(sweep.central64(), 0, 2), sweep.slope(sweep.forward64(), 0, 2));
    out.println("round-off, about 1e-16 |L| / eps, rises as eps shrinks. The best steps:");
    printf(out, "  central float64: eps %.0e, error %.1e%n", sweep.bestStep(sweep.central64()),
        StepSizeSweep.smallest(sweep.central64()));
    printf(out, "  forward float64: eps %.0e, error %.1e%n", sweep.bestStep(sweep.forward64()),
        StepSizeSweep.smallest(sweep.forward64()));
    printf(out, "  central float32: eps %.0e, error %.1e%n", sweep.bestStep(sweep.central32()),
        StepSizeSweep.smallest(sweep.central32()));
    out.println("In float32 even the best eps leaves an error no float64 check would call fine: GradCheck");
    out.println("therefore evaluates in float64, copying float32 inputs into float64 shadows.");
  }

  private static LineChart chart(StepSizeSweep sweep) {
    return new LineChart("Finite-difference error against step size", "eps", "relative error")
        .series("central, f64", sweep.eps(), sweep.central64())
        .series("forward, f64", sweep.eps(), sweep.forward64(), LineChart.Style.DASHED)
        .series("central, f32", sweep.eps(), sweep.central32(), LineChart.Style.MARKERS)
        .logX()
        .logY();
  }

  private static String indent(String text) {
    return text.indent(2);
  }

  /** Formats with {@link Locale#ROOT}, so numbers print alike in every locale. */
  private static void printf(PrintStream out, String format, Object... args) {
    out.print(String.format(Locale.ROOT, format, args));
  }
}
