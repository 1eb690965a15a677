package dev.chainrule.examples.lessons;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Tensor;

/**
 * Ordinary least squares with an intercept, the linear-regression baseline: the {@code w} and {@code b} that
 * minimise {@code sum_i (x_i . w + b - y_i)^2}, found exactly from the normal equations
 * {@code (A^T A) theta = A^T y} with {@code A = [1 | X]} and {@code theta = (b, w)}, solved in double precision
 * by Gaussian elimination with partial pivoting.
 */
final class LeastSquares {
  private final double[] theta;

  private LeastSquares(double[] theta) {
    this.theta = theta;
  }

  /** Fits features {@code (n, d)} to targets {@code (n, 1)}; the columns of {@code [1 | X]} must be independent. */
  static LeastSquares fit(Tensor features, Tensor targets) {
    checkArgument(features.rank() == 2 && targets.rank() == 2 && targets.shape().dim(1) == 1
        && targets.shape().dim(0) == features.shape().dim(0), "LeastSquares.fit: features (n, d) and targets"
        + " (n, 1) expected, got %s and %s", features.shape(), targets.shape());
    int n = features.shape().dim(0);
    int p = features.shape().dim(1) + 1;
    double[] x = features.toDoubleArray();
    double[] y = targets.toDoubleArray();
    double[][] system = new double[p][p + 1];
    double[] row = new double[p];
    for (int i = 0; i < n; i++) {
      row[0] = 1;
      System.arraycopy(x, i * (p - 1), row, 1, p - 1);
      for (int j = 0; j < p; j++) {
        for (int k = 0; k < p; k++) {
          system[j][k] += row[j] * row[k];
        }
        system[j][p] += row[j] * y[i];
      }
    }
    return new LeastSquares(solve(system));
  }

  /** The predictions {@code X w + b}, shape {@code (n, 1)}. */
  Tensor predict(Tensor features) {
    int d = theta.length - 1;
    checkArgument(features.rank() == 2 && features.shape().dim(1) == d, "LeastSquares.predict: features (n, %s)"
        + " expected, got %s", d, features.shape());
    double[] x = features.toDoubleArray();
    int n = features.shape().dim(0);
    float[] predictions = new float[n];
    for (int i = 0; i < n; i++) {
      double sum = theta[0];
      for (int j = 0; j < d; j++) {
        sum += theta[j + 1] * x[i * d + j];
      }
      predictions[i] = (float) sum;
    }
    return Tensor.of(predictions, n, 1);
  }

  /** Solves the augmented system {@code [M | v]} in place and returns {@code M^-1 v}. */
  private static double[] solve(double[][] a) {
    int p = a.length;
    for (int col = 0; col < p; col++) {
      int pivot = col;
      for (int r = col + 1; r < p; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      checkArgument(Math.abs(a[pivot][col]) > 1e-12, "LeastSquares.fit: the features are linearly dependent"
          + " (column %s)", col);
      double[] swap = a[col];
      a[col] = a[pivot];
      a[pivot] = swap;
      for (int r = 0; r < p; r++) {
        if (r != col) {
          double factor = a[r][col] / a[col][col];
          for (int c = col; c <= p; c++) {
            a[r][c] -= factor * a[col][c];
          }
        }
      }
    }
    double[] solution = new double[p];
    for (int r = 0; r < p; r++) {
      solution[r] = a[r][p] / a[r][r];
    }
    return solution;
  }
}
