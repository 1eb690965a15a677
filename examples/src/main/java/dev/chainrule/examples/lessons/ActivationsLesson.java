package dev.chainrule.examples.lessons;

import dev.chainrule.nn.train.LineChart;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lesson 5: sigmoid, tanh, ReLU, leaky ReLU and softmax, each differentiated by autodiff (backward through the
 * tensor op over a grid of inputs) and by its closed-form derivative, plotted on the same axes; for softmax the
 * Jacobian {@code s_i (delta_ij - s_j)} of a small vector against autodiff's, row by row. It prints how far the two
 * agree and what the derivatives mean for training: saturation (vanishing gradients) of sigmoid and tanh at large
 * {@code |x|}, and ReLU's zero gradient for negative inputs (dying ReLU).
 */
public final class ActivationsLesson implements Lesson {
  /** The softmax input whose Jacobian is printed. */
  static final double[] SOFTMAX_INPUT = {1.0, 2.0, 0.5, -1.0};
  private static final int MARKER_EVERY = 5;

  /** The derivative curves of the elementwise activations, and softmax's Jacobian and curve. */
  record Result(List<DerivativeCurve> curves, SoftmaxDerivatives.Jacobian jacobian,
      SoftmaxDerivatives.Curve softmax) {
    DerivativeCurve curve(Activation activation) {
      return curves.get(activation.ordinal());
    }
  }

  @Override
  public String name() {
    return "activations";
  }

  @Override
  public String title() {
    return "Activation functions";
  }

  @Override
  public String summary() {
    return "Sigmoid, tanh, ReLU, leaky ReLU and softmax with their derivatives, by autodiff and by formula.";
  }

  /** Every activation differentiated over {@code [-5, 5]} in steps of 0.1. */
  static Result compute() {
    double[] xs = DerivativeCurve.grid(-5, 5, 100);
    List<DerivativeCurve> curves = new ArrayList<>();
    for (Activation a : Activation.values()) {
      curves.add(DerivativeCurve.of(a, xs));
    }
    return new Result(curves, SoftmaxDerivatives.jacobian(SOFTMAX_INPUT), SoftmaxDerivatives.curve(xs));
  }

  @Override
  public void run(LessonContext context) throws IOException {
    PrintStream out = context.out();
    Result r = compute();
    out.println("Each derivative twice: autodiff (backward through the op, upstream gradient 1 at every one of");
    out.println("101 points in [-5, 5]) and the closed form the course gives. All in float64.");
    out.println();
    out.printf(Locale.ROOT, "%-11s %-12s %-12s %-9s %-9s %-9s %s%n", "activation", "f'(x)", "max |diff|",
        "f'(0)", "f'(2)", "f'(5)", "f'(-5)");
    for (DerivativeCurve c : r.curves()) {
      out.printf(Locale.ROOT, "%-11s %-12s %-12.1e %-9.4g %-9.4g %-9.4g %.4g%n", c.activation().label(),
          c.activation().formula(), c.maxDifference(), c.autodiffAt(0), c.autodiffAt(2), c.autodiffAt(5),
          c.autodiffAt(-5));
    }
    out.println();
    printJacobian(out, r.jacobian());
    out.printf(Locale.ROOT, "Softmax over (x, 0, 0), x in [-5, 5]: ds0/dz0 and ds0/dz1 differ from the formula by at"
        + " most %.1e.%n%n", r.softmax().maxDifference());

    DerivativeCurve sigmoid = r.curve(Activation.SIGMOID);
    DerivativeCurve tanh = r.curve(Activation.TANH);
    out.println("What the derivatives say about training:");
    out.printf(Locale.ROOT, "- sigmoid' is at most %.2f (at 0) and %.4f at |x| = 5: a saturated unit passes almost"
        + " no%n  gradient back. Through ten sigmoid layers their derivatives alone scale the gradient by at"
        + " most%n  0.25^10 = %.1e. Keep sigmoid for the output of a binary classifier, where a probability in%n"
        + "  (0, 1) is wanted.%n",
        sigmoid.maxAutodiff(), sigmoid.autodiffAt(5), Math.pow(0.25, 10));
    out.printf(Locale.ROOT, "- tanh' reaches %.0f at 0 and its output is centred on 0, so it beats sigmoid in hidden"
        + " layers,%n  but it saturates too: %.1e at |x| = 5.%n", tanh.maxAutodiff(), tanh.autodiffAt(5));
    out.println("- ReLU' is exactly 1 for every positive input, however large: no saturation, the default for");
    out.println("  hidden layers. It is exactly 0 for every negative input: a unit whose input is negative for");
    out.println("  all samples gets no gradient and never recovers (dying ReLU).");
    out.printf(Locale.ROOT, "- leaky ReLU keeps a slope of %.2f for negative inputs (the course uses 0.01), so such a"
        + " unit%n  still learns.%n", Activation.LEAKY_SLOPE);
    out.println("- softmax turns the output layer's scores into class probabilities; with cross-entropy its");
    out.println("  Jacobian collapses to dZ = A - Y.");
    plot(context, r);
  }

  private static void printJacobian(PrintStream out, SoftmaxDerivatives.Jacobian j) {
    out.printf(Locale.ROOT, "Softmax at z = %s gives s = %s.%n", vector(j.z()), vector(j.s()));
    out.println("Jacobian ds_i/dz_j by autodiff (row i = backward with upstream e_i)   and by s_i (delta_ij - s_j):");
    for (int i = 0; i < j.z().length; i++) {
      out.printf(Locale.ROOT, "  %-48s %s%n", vector(j.autodiff()[i]), vector(j.formula()[i]));
    }
    out.printf(Locale.ROOT, "Largest difference: %.1e. The matrix is symmetric and every row sums to 0: adding the"
        + " same%nnumber to every z_j changes no probability.%n", j.maxDifference());
  }

  private static void plot(LessonContext context, Result r) throws IOException {
    for (DerivativeCurve c : r.curves()) {
      String name = c.activation().label();
      new LineChart(name + " and its derivative " + c.activation().formula(), "x", "value")
          .series(name + "(x)", c.xs(), c.values())
          .series("autodiff f'(x)", c.xs(), c.autodiff())
          .series("formula", sample(c.xs()), sample(c.formula()), LineChart.Style.MARKERS)
          .writeSvg(context.file(name + ".svg"));
    }
    SoftmaxDerivatives.Curve s = r.softmax();
    new LineChart("softmax of (x, 0, 0): s0 and its Jacobian row", "x", "value")
        .series("s0", s.xs(), s.s0())
        .series("autodiff ds0/dz0", s.xs(), s.autodiffDiagonal())
        .series("s0 (1 - s0)", sample(s.xs()), sample(s.formulaDiagonal()), LineChart.Style.MARKERS)
        .series("autodiff ds0/dz1", s.xs(), s.autodiffOffDiagonal())
        .series("-s0 s1", sample(s.xs()), sample(s.formulaOffDiagonal()), LineChart.Style.MARKERS)
        .writeSvg(context.file("softmax.svg"));
  }

  /** Every {@value #MARKER_EVERY}th point, so that the formula's markers do not hide the autodiff line. */
  private static double[] sample(double[] values) {
    double[] kept = new double[(values.length + MARKER_EVERY - 1) / MARKER_EVERY];
    for (int i = 0; i < kept.length; i++) {
      kept[i] = values[i * MARKER_EVERY];
    }
    return kept;
  }

  private static String vector(double[] v) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < v.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", v[i]));
    }
    return sb.append(')').toString();
  }
}
