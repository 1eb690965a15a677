package dev.chainrule.examples;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Tensor;
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
 * computes the same numbers with one backward walk and prints both side by side.
 *
 * <p>Run: {@code mvn -q install -DskipTests && mvn -q -pl examples exec:java}
 */
public final class ChainRuleExample {

  /** Everything the example computes: the forward values, the framework's gradients and the hand-derived ones. */
  record Result(double z, double a, double loss, double dLdz, double[] dLdw, double dLdb, double handDz,
      double[] handDw) {}

  private ChainRuleExample() {}

  public static void main(String[] args) {
    print(run(), System.out);
  }

  /** One sample with two features and label 1, the weights at a fixed starting point. */
  static Result run() {
    double y = 1;
    Tensor x = Tensor.of(new double[] {1.5, -0.5}).named("x");
    Tensor w = Tensor.of(new double[] {0.8, 0.3}).named("w").requiresGrad();
    Tensor b = Tensor.scalar(DType.FLOAT64, -0.2).named("b").requiresGrad();

    Tensor z = w.mul(x).sum().add(b).named("z").retainGrad();
    Tensor a = z.sigmoid().named("a").retainGrad();
    Tensor loss = a.log().mul(y).add(a.neg().add(1).log().mul(1 - y)).neg().named("L");
    loss.backward();

    double av = a.item();
    double[] xs = x.toDoubleArray();
    double[] handDw = {(av - y) * xs[0], (av - y) * xs[1]};
    return new Result(z.item(), av, loss.item(), z.grad().item(), w.grad().toDoubleArray(), b.grad().item(),
        av - y, handDw);
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

  private static String format(double[] v) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6f", v[i]));
    }
    return sb.append(']').toString();
  }
}
