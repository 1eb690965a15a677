package dev.chainrule.examples;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.dump.BackwardTrace;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The chain rule on the smallest network there is: logistic regression on one sample.
 *
 * <pre>
 *   z = w . x + b          a = sigmoid(z)          L = -(y ln a + (1 - y) ln(1 - a))
 * </pre>
 *
 * Worked by hand, {@code dL/da = -y/a + (1 - y)/(1 - a)} and {@code da/dz = a (1 - a)}, so their product
 * collapses to {@code dL/dz = a - y}; then {@code dL/dw = (a - y) x} and {@code dL/db = a - y}. The example
 * computes the same numbers with one backward walk and prints both side by side, then narrates that walk
 * step by step with {@link BackwardTrace}.
 *
 * <p>Run: {@code ./chainrule example}; {@code ./chainrule graph --model logistic --backward} dumps the graph.
 */
public final class ChainRuleExample {

  /** Everything the example computes: the forward values, the framework's gradients and the hand-derived ones. */
  record Result(double z, double a, double loss, double dLdz, double[] dLdw, double dLdb, double handDz,
      double[] handDw) {}

  private ChainRuleExample() {}

  public static void main(String[] args) {
    print(run(), System.out);
    printNarration(narrate(), System.out);
  }

  /** The forward graph of one sample with two features and label 1, the weights at a fixed starting point. */
  private record Graph(Tensor x, Tensor w, Tensor b, Tensor z, Tensor a, Tensor loss) {
    static final double Y = 1;

    static Graph build() {
      Tensor x = Tensor.of(new double[] {1.5, -0.5}).named("x");
      Tensor w = Tensor.of(new double[] {0.8, 0.3}).named("w").requiresGrad();
      Tensor b = Tensor.scalar(DType.FLOAT64, -0.2).named("b").requiresGrad();
      Tensor z = w.mul(x).sum().add(b).named("z").retainGrad();
      Tensor a = z.sigmoid().named("a").retainGrad();
      Tensor loss = a.log().mul(Y).add(a.neg().add(1).log().mul(1 - Y)).neg().named("L");
      return new Graph(x, w, b, z, a, loss);
    }
  }

  static Result run() {
    Graph g = Graph.build();
    g.loss().backward();

    double av = g.a().item();
    double[] xs = g.x().toDoubleArray();
    double[] handDw = {(av - Graph.Y) * xs[0], (av - Graph.Y) * xs[1]};
    return new Result(g.z().item(), av, g.loss().item(), g.z().grad().item(), g.w().grad().toDoubleArray(),
        g.b().grad().item(), av - Graph.Y, handDw);
  }

  /**
   * The example's graph, ready for backward: the loss {@code L}, reached from the named {@code x}, {@code w},
   * {@code b}, {@code z} and {@code a} ({@code z} and {@code a} keep their gradients). {@code ./chainrule graph
   * --model logistic} dumps it.
   */
  public static Tensor loss() {
    return Graph.build().loss();
  }

  /** The same backward walk, recorded step by step (unnamed intermediates are called t1, t2, ...). */
  static BackwardTrace narrate() {
    Tensor loss = loss();
    return BackwardTrace.record(loss::backward);
  }

  static void print(Result r, PrintStream out) {
    out.println("Logistic regression on one sample: x = [1.5, -0.5], y = 1, w = [0.8, 0.3], b = -0.2");
    out.println();
    out.println("Forward, left to right:");
    out.printf(Locale.ROOT, "  z = w . x + b                      = %.6f%n", r.z());
    out.printf(Locale.ROOT, "  a = sigmoid(z)                     = %.6f%n", r.a());
    out.printf(Locale.ROOT, "  L = -(y ln a + (1 - y) ln(1 - a))  = %.6f%n", r.loss());
    out.println();
    out.println("Backward, right to left (chainrule)        by hand");
    out.printf(Locale.ROOT, "  dL/dz = %-32.6f a - y       = %.6f%n", r.dLdz(), r.handDz());
    out.printf(Locale.ROOT, "  dL/dw = %-32s (a - y) x   = %s%n", format(r.dLdw()), format(r.handDw()));
    out.printf(Locale.ROOT, "  dL/db = %-32.6f a - y       = %.6f%n", r.dLdb(), r.handDz());
    out.println();
    boolean agree = Math.abs(r.dLdz() - r.handDz()) < 1e-12 && Math.abs(r.dLdb() - r.handDz()) < 1e-12
        && Math.abs(r.dLdw()[0] - r.handDw()[0]) < 1e-12 && Math.abs(r.dLdw()[1] - r.handDw()[1]) < 1e-12;
    out.println(agree ? "The framework's gradients equal the hand-derived ones: dL/dz = dL/da * da/dz = a - y."
        : "MISMATCH between the framework and the hand-derived gradients");
  }

  static void printNarration(BackwardTrace trace, PrintStream out) {
    out.println();
    out.println("The backward walk narrated, one line per gradient contribution (dL/dx += dL/dy * dy/dx):");
    for (String line : trace.lines()) {
      out.println("  " + line);
    }
    out.println();
    out.println("Draw this graph with its gradients: ./chainrule graph --model logistic --backward"
        + " [--format dot|mermaid|json] [--out logistic.svg]");
  }

  private static String format(double[] v) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6f", v[i]));
    }
    return sb.append(']').toString();
  }
}
