package dev.chainrule.examples.lessons;

import dev.chainrule.autodiff.Rng;

/**
 * Checks of the Hessian-vector products of a {@link LogisticProblem} at one point {@code t}: against central
 * differences of the gradient, {@code H v ~ (grad L(t + eps v) - grad L(t - eps v)) / (2 eps)} (error
 * {@code O(eps^2)}), and, column by column ({@code H e_i}), against the closed-form Hessian.
 *
 * @param point the point t
 * @param direction the direction v, a random unit vector
 * @param product {@code H v} by double backward
 * @param differences the central differences of the gradient along v
 * @param relativeError {@code ||Hv - fd|| / (||Hv|| + ||fd||)}
 * @param fromProducts H assembled from d products {@code H e_i}
 * @param formula H from its closed form
 * @param largestDifference the largest {@code |H_ij|} difference of the two
 * @param asymmetry the largest {@code |H_ij - H_ji|} of H from products
 */
record HessianCheck(double[] point, double[] direction, double[] product, double[] differences,
    double relativeError, double[][] fromProducts, double[][] formula, double largestDifference,
    double asymmetry) {

  /** Checks at a point and a direction drawn from {@code rng}, with step {@code eps} for the differences. */
  static HessianCheck run(LogisticProblem problem, Rng rng, double eps) {
    int d = problem.dimension();
    double[] t = gaussian(rng, d);
    double[] v = gaussian(rng, d);
    v = Vectors.scale(1 / Vectors.norm(v), v);
    double[] product = problem.hessianVectorProduct(t, v);
    double[] differences = Vectors.scale(1 / (2 * eps), Vectors.axpy(-1,
        problem.gradient(Vectors.axpy(-eps, v, t)), problem.gradient(Vectors.axpy(eps, v, t))));
    double[][] columns = problem.hessianFromProducts(t);
    double[][] formula = problem.hessianByFormula(t);
    double largest = 0;
    double asymmetry = 0;
    for (int r = 0; r < d; r++) {
      for (int c = 0; c < d; c++) {
        largest = Math.max(largest, Math.abs(columns[r][c] - formula[r][c]));
        asymmetry = Math.max(asymmetry, Math.abs(columns[r][c] - columns[c][r]));
      }
    }
    return new HessianCheck(t, v, product, differences, FiniteDifferences.relativeError(product, differences),
        columns, formula, largest, asymmetry);
  }

  private static double[] gaussian(Rng rng, int n) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = rng.nextGaussian();
    }
    return values;
  }
}
