package dev.chainrule.examples.lessons;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.base.Verify;
import java.util.function.UnaryOperator;

/**
 * Solves {@code A x = b} for a symmetric positive definite {@code A} that is only available as products
 * {@code A p} (here Hessian-vector products), by conjugate gradients. From {@code x = 0}, {@code r = p = b}:
 *
 * <pre>
 *   alpha = (r . r) / (p . A p),   x += alpha p,   r' = r - alpha A p,
 *   beta  = (r' . r') / (r . r),   p = r' + beta p.
 * </pre>
 *
 * Each step minimises {@code x^T A x / 2 - b . x} over one more A-conjugate direction, so in exact arithmetic
 * it ends after at most {@code d} steps; it stops once {@code ||r|| <= tolerance ||b||}.
 */
final class ConjugateGradient {
  /** The solution and the number of products {@code A p} it took. */
  record Solution(double[] x, int iterations) {}

  private ConjugateGradient() {}

  static Solution solve(UnaryOperator<double[]> a, double[] b, double relativeTolerance, int maxIterations) {
    checkArgument(relativeTolerance > 0 && maxIterations > 0, "ConjugateGradient.solve: tolerance %s and"
        + " iterations %s must be positive", (Object) relativeTolerance, maxIterations);
    double[] x = new double[b.length];
    double[] r = b.clone();
    double[] p = b.clone();
    double rr = Vectors.dot(r, r);
    double stop = relativeTolerance * Vectors.norm(b);
    int iterations = 0;
    while (Math.sqrt(rr) > stop && iterations < maxIterations) {
      double[] ap = a.apply(p);
      double curvature = Vectors.dot(p, ap);
      Verify.verify(curvature > 0, "ConjugateGradient: p . A p = %s, so A is not positive definite", curvature);
      double alpha = rr / curvature;
      x = Vectors.axpy(alpha, p, x);
      r = Vectors.axpy(-alpha, ap, r);
      double next = Vectors.dot(r, r);
      p = Vectors.axpy(next / rr, p, r);
      rr = next;
      iterations++;
    }
    return new Solution(x, iterations);
  }
}
