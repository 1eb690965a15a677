package dev.chainrule.examples.lessons;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Tensor;

/**
 * The scalar expression of the chain-rule lesson, small enough to differentiate by hand, with {@code a} used
 * twice:
 *
 * <pre>
 *   e = a * b        d = e + c        f = d * a        n = 0.1 * f        L = tanh(n)
 * </pre>
 *
 * at {@code a = 2, b = -3, c = 10}, so {@code e = -6, d = 4, f = 8, n = 0.8}. Written out,
 * {@code f = a^2 b + a c}, hence with {@code s = dL/df = 0.1 (1 - L^2)}:
 * {@code dL/da = s (2ab + c)}, {@code dL/db = s a^2}, {@code dL/dc = s a}.
 */
public final class ScalarExpression {
  static final double A = 2;
  static final double B = -3;
  static final double C = 10;
  static final double SCALE = 0.1;

  /** The inputs {@code a, b, c}, the intermediates (their gradients retained) and the loss. */
  public record Graph(Tensor a, Tensor b, Tensor c, Tensor e, Tensor d, Tensor f, Tensor n, Tensor loss) {}

  private ScalarExpression() {}

  /** A fresh graph of the expression, ready for backward; every tensor is named as above. */
  public static Graph build() {
    Tensor a = leaf("a", A);
    Tensor b = leaf("b", B);
    Tensor c = leaf("c", C);
    Tensor e = a.mul(b).named("e").retainGrad();
    Tensor d = e.add(c).named("d").retainGrad();
    Tensor f = d.mul(a).named("f").retainGrad();
    Tensor n = f.mul(SCALE).named("n").retainGrad();
    return new Graph(a, b, c, e, d, f, n, n.tanh().named("L"));
  }

  private static Tensor leaf(String name, double value) {
    return Tensor.scalar(DType.FLOAT64, value).named(name).requiresGrad();
  }
}
