package dev.chainrule.examples.lessons;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.dump.BackwardTrace;
import dev.chainrule.autodiff.dump.GraphDump;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Lesson 1: the chain rule on a computation graph. The {@link ScalarExpression} is recorded as a graph, drawn
 * before and after backward, and its backward walk narrated step by step; every gradient is then compared with
 * the derivative worked out by hand, and the value used twice shows why gradients are added ({@code +=}). A
 * tiny linear layer ({@link LinearLayerStep}) shows the same walk on matrices, where each step is a formula over
 * shapes.
 */
public final class ChainRuleLesson implements Lesson {

  /** A gradient from the framework next to the same derivative by hand, with the hand formula. */
  record HandCheck(String name, String formula, double framework, double hand) {}

  /**
   * What the lesson shows: the loss, each gradient beside its hand derivation, the narration, the two
   * contributions {@code a} receives (it is used twice) and the linear layer's step.
   */
  record Result(double loss, List<HandCheck> checks, List<String> narration, List<Double> contributionsToA,
      double gradA, LinearLayerStep.Result linear) {}

  @Override
  public String name() {
    return "chain-rule";
  }

  @Override
  public String title() {
    return "The chain rule on a computation graph";
  }

  @Override
  public String summary() {
    return "A scalar expression as a graph, its backward pass narrated step by step and checked by hand.";
  }

  /** Runs backward through {@code g} (built and not yet differentiated) and collects what the lesson shows. */
  static Result compute(ScalarExpression.Graph g) {
    BackwardTrace trace = BackwardTrace.record(g.loss()::backward);
    double loss = g.loss().item();
    double a = ScalarExpression.A;
    double b = ScalarExpression.B;
    double c = ScalarExpression.C;
    double dn = 1 - loss * loss;
    double s = ScalarExpression.SCALE * dn;
    List<HandCheck> checks = List.of(
        new HandCheck("n", "1 - L^2", g.n().grad().item(), dn),
        new HandCheck("f", "0.1 (1 - L^2)", g.f().grad().item(), s),
        new HandCheck("d", "dL/df * a", g.d().grad().item(), s * a),
        new HandCheck("e", "dL/dd * 1", g.e().grad().item(), s * a),
        new HandCheck("c", "dL/dd * 1", g.c().grad().item(), s * a),
        new HandCheck("b", "dL/de * a = s a^2", g.b().grad().item(), s * a * a),
        new HandCheck("a", "dL/df * d + dL/de * b = s (2ab + c)", g.a().grad().item(), s * (2 * a * b + c)));
    List<Double> toA = new ArrayList<>();
    for (BackwardTrace.Step step : trace.steps()) {
      if (step.input() == g.a()) {
        toA.add(step.contribution().item());
      }
    }
    return new Result(loss, checks, trace.lines(), toA, g.a().grad().item(), LinearLayerStep.compute());
  }

  @Override
  public void run(LessonContext context) throws IOException {
    PrintStream out = context.out();
    out.println("A computation graph records every operation of the forward pass. Backward walks it from the");
    out.println("loss back to the inputs, and at each node multiplies the gradient that arrived, dL/dy, by the");
    out.println("node's local derivative dy/dx: dL/dx = dL/dy * dy/dx. A value used twice receives a gradient");
    out.println("along each use, and the two are added (+=).");
    out.println();
    out.println("The expression, at a = 2, b = -3, c = 10:");
    out.println("  e = a * b   d = e + c   f = d * a   n = 0.1 * f   L = tanh(n)     (a is used twice)");
    ScalarExpression.Graph g = ScalarExpression.build();
    GraphDump dump = GraphDump.of(g.loss());
    context.graph("expression-forward", dump);
    Result r = compute(g);
    context.graph("expression-backward", dump);
    out.printf(Locale.ROOT, "  values: e = %s   d = %s   f = %s   n = %s   L = %.6f%n", plain(g.e()), plain(g.d()),
        plain(g.f()), plain(g.n()), r.loss());
    out.println();
    out.println("The backward walk, one line per contribution (dL/dx += dL/dy * dy/dx):");
    for (String line : r.narration()) {
      out.println("  " + line);
    }
    out.println();
    out.printf(Locale.ROOT, "Fan-out: a feeds e = a * b and f = d * a, so it receives two contributions,%n"
        + "  %.6f (through f) + %.6f (through e) = %.6f = dL/da%n", r.contributionsToA().get(0),
        r.contributionsToA().get(1), r.gradA());
    out.println();
    out.println("Each gradient against the derivative worked out by hand (s = dL/df = 0.1 (1 - L^2)):");
    out.printf(Locale.ROOT, "  %-6s %-12s %-12s %s%n", "", "chainrule", "by hand", "hand formula");
    for (HandCheck check : r.checks()) {
      out.printf(Locale.ROOT, "  dL/d%-2s %-12.6f %-12.6f %s%n", check.name(), check.framework(), check.hand(),
          check.formula());
    }
    out.println();
    out.println("The same walk on matrices: Y = X W + b for 2 samples, 3 features, 2 outputs; L = 0.5 sum(Y^2).");
    out.println("Each tensor step is its op's gradient formula with the operands' shapes:");
    for (String line : r.linear().narration()) {
      out.println("  " + line);
    }
    out.println();
    out.println("By hand, dL/dY = Y, the Add passes it on to XW = X W unchanged, and dL/dW = X^T @ dL/dY =");
    out.println("  " + vector(r.linear().weightHand()) + ", the same as chainrule's.");
    out.println("What to notice: the shapes fit, (3, 2) @ (2, 2) gives W's (3, 2); b was broadcast over the 2");
    out.println("rows, so its gradient is dL/dY summed over them; Y is squared (Y * Y, used twice), so it too");
    out.println("receives two contributions.");
    out.println();
    out.println("Back to scalars: the product X W, exploded into the scalar graph it computes (linear-exploded),");
    out.println("has 12 multiplications X[i,k] * W[k,j] and 8 additions. Each W[k,j] feeds one product per sample,");
    out.println("so by fan-out dL/dW[k,j] = sum over i of X[i,k] * dL/dXW[i,j]: the matrix formula X^T @ dL/dXW");
    out.println("one element at a time. Backward through the scalar graph gives dL/dW =");
    out.println("  " + vector(r.linear().explodedWeightGrad()) + ", the tensor op's gradient again.");
    context.graph("linear-exploded", r.linear().exploded());
  }

  /** Up to six significant digits, trailing zeros dropped: {@code -6}, {@code 0.8}. */
  private static String plain(Tensor t) {
    return new BigDecimal(t.item()).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }

  private static String vector(double[] v) {
    return Arrays.stream(v).mapToObj(x -> String.format(Locale.ROOT, "%.4f", x))
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
