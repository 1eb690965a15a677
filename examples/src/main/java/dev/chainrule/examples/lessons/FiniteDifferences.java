package dev.chainrule.examples.lessons;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.function.ToDoubleFunction;

/**
 * Numeric gradients of a scalar function {@code L} of a vector, one coordinate at a time ({@code e_j} is the
 * j-th unit vector):
 *
 * <pre>
 *   central:  (L(x + eps e_j) - L(x - eps e_j)) / (2 eps)  =  dL/dx_j + L'''(x) eps^2 / 6 + ...
 *   forward:  (L(x + eps e_j) - L(x)) / eps                =  dL/dx_j + L''(x) eps / 2 + ...
 * </pre>
 *
 * and the relative error that compares a whole analytic gradient {@code a} with a numeric one {@code n},
 * {@code ||a - n|| / (||a|| + ||n||)}.
 */
final class FiniteDifferences {
  private FiniteDifferences() {}

  /** The central difference of {@code loss} at {@code x} in every coordinate. */
  static double[] central(ToDoubleFunction<double[]> loss, double[] x, double eps) {
    checkArgument(eps > 0, "FiniteDifferences.central: eps must be positive, was %s", eps);
    double[] numeric = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      numeric[j] = (loss.applyAsDouble(shifted(x, j, eps)) - loss.applyAsDouble(shifted(x, j, -eps))) / (2 * eps);
    }
    return numeric;
  }

  /** The one-sided (forward) difference of {@code loss} at {@code x} in every coordinate. */
  static double[] forward(ToDoubleFunction<double[]> loss, double[] x, double eps) {
    checkArgument(eps > 0, "FiniteDifferences.forward: eps must be positive, was %s", eps);
    double center = loss.applyAsDouble(x);
    double[] numeric = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      numeric[j] = (loss.applyAsDouble(shifted(x, j, eps)) - center) / eps;
    }
    return numeric;
  }

  /** {@code ||a - n|| / (||a|| + ||n||)}, in {@code [0, 1]}; 0 when both are zero. */
  static double relativeError(double[] analytic, double[] numeric) {
    checkArgument(analytic.length == numeric.length, "FiniteDifferences.relativeError: gradients of %s and %s"
        + " elements", analytic.length, numeric.length);
    double denominator = Vectors.norm(analytic) + Vectors.norm(numeric);
    return denominator == 0 ? 0 : Vectors.norm(Vectors.axpy(-1, numeric, analytic)) / denominator;
  }

  private static double[] shifted(double[] x, int j, double step) {
    double[] copy = x.clone();
    copy[j] += step;
    return copy;
  }
}
