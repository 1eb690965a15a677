package dev.chainrule.examples.lessons;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/**
 * The eigenvalues of a small symmetric matrix by Jacobi's method: each rotation in the plane {@code (p, q)}
 * with angle {@code theta}, {@code tan(2 theta) = 2 a_pq / (a_qq - a_pp)}, zeroes {@code a_pq} and keeps the
 * eigenvalues; sweeping over all pairs until the off-diagonal part vanishes leaves them on the diagonal. Meant
 * for the few-by-few Hessians of the lessons, where it is exact to rounding.
 */
final class SymmetricEigenvalues {
  private static final int MAX_SWEEPS = 100;

  private SymmetricEigenvalues() {}

  /** The eigenvalues of the symmetric {@code matrix}, ascending. */
  static double[] of(double[][] matrix) {
    int n = matrix.length;
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) {
      checkArgument(matrix[i].length == n, "SymmetricEigenvalues: row %s has %s entries, expected %s", i,
          matrix[i].length, n);
      a[i] = matrix[i].clone();
    }
    for (int sweep = 0; sweep < MAX_SWEEPS && offDiagonal(a) > 0; sweep++) {
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          if (a[p][q] != 0) {
            rotate(a, p, q);
          }
        }
      }
    }
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = a[i][i];
    }
    Arrays.sort(values);
    return values;
  }

  /** Applies the rotation that zeroes {@code a[p][q]}: {@code a <- J^T a J}. */
  private static void rotate(double[][] a, int p, int q) {
    double tau = (a[q][q] - a[p][p]) / (2 * a[p][q]);
    double t = Math.signum(tau == 0 ? 1 : tau) / (Math.abs(tau) + Math.sqrt(1 + tau * tau)); // tan(theta)
    double c = 1 / Math.sqrt(1 + t * t);
    double s = t * c;
    for (int k = 0; k < a.length; k++) { // columns p and q
      double kp = a[k][p];
      double kq = a[k][q];
      a[k][p] = c * kp - s * kq;
      a[k][q] = s * kp + c * kq;
    }
    for (int k = 0; k < a.length; k++) { // rows p and q
      double pk = a[p][k];
      double qk = a[q][k];
      a[p][k] = c * pk - s * qk;
      a[q][k] = s * pk + c * qk;
    }
  }

  /** The sum of squares below the diagonal, or 0 once it is negligible next to the diagonal. */
  private static double offDiagonal(double[][] a) {
    double off = 0;
    double diagonal = 0;
    for (int i = 0; i < a.length; i++) {
      diagonal += a[i][i] * a[i][i];
      for (int j = 0; j < i; j++) {
        off += a[i][j] * a[i][j];
      }
    }
    return off <= 1e-32 * diagonal ? 0 : off;
  }
}
