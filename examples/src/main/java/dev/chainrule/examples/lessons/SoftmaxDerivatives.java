package dev.chainrule.examples.lessons;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Tensor;

/**
 * The derivative of softmax {@code s_i = e^(z_i) / sum_k e^(z_k)}, which maps a vector to a vector and so has a
 * Jacobian rather than one derivative per input:
 *
 * <pre>
 *   ds_i / dz_j = s_i (delta_ij - s_j)
 * </pre>
 *
 * <p>Autodiff never builds that matrix; backward computes {@code g^T J} for an upstream gradient {@code g}. With
 * {@code g} the one-hot vector {@code e_i} that product is row {@code i} of {@code J}, so one backward per output
 * gives the whole Jacobian.
 */
final class SoftmaxDerivatives {
  private SoftmaxDerivatives() {}

  /** The Jacobian of softmax at {@code z}, by autodiff (row by row) and by the formula. */
  record Jacobian(double[] z, double[] s, double[][] autodiff, double[][] formula) {
    /** The largest absolute difference between the two matrices. */
    double maxDifference() {
      double max = 0;
      for (int i = 0; i < z.length; i++) {
        for (int j = 0; j < z.length; j++) {
          max = Math.max(max, Math.abs(autodiff[i][j] - formula[i][j]));
        }
      }
      return max;
    }
  }

  /**
   * Softmax of {@code (x, 0, 0)} along a grid of {@code x}: the first output {@code s_0} and two entries of the
   * Jacobian's first row, {@code ds_0/dz_0 = s_0 (1 - s_0)} and {@code ds_0/dz_1 = -s_0 s_1}, each by autodiff and
   * by the formula.
   */
  record Curve(double[] xs, double[] s0, double[] autodiffDiagonal, double[] formulaDiagonal,
      double[] autodiffOffDiagonal, double[] formulaOffDiagonal) {
    /** The largest absolute difference between autodiff and the formula over both entries. */
    double maxDifference() {
      double max = 0;
      for (int i = 0; i < xs.length; i++) {
        max = Math.max(max, Math.abs(autodiffDiagonal[i] - formulaDiagonal[i]));
        max = Math.max(max, Math.abs(autodiffOffDiagonal[i] - formulaOffDiagonal[i]));
      }
      return max;
    }
  }

  /**
   * The Jacobian at {@code z}: backward with upstream {@code e_i} gives row {@code i}. The formula's {@code s} is
   * computed as {@code e^(z_j - max z) / sum_k e^(z_k - max z)}, which is the same number without overflow.
   */
  static Jacobian jacobian(double... z) {
    checkArgument(z.length >= 2, "SoftmaxDerivatives.jacobian: needs a vector of at least 2, got %s", z.length);
    int n = z.length;
    double[][] autodiff = new double[n][];
    double[] s = null;
    for (int i = 0; i < n; i++) {
      Tensor input = Tensor.of(z).requiresGrad();
      Tensor output = input.softmax(0);
      double[] upstream = new double[n];
      upstream[i] = 1;
      output.backward(Tensor.of(upstream));
      autodiff[i] = input.grad().toDoubleArray();
      s = output.toDoubleArray();
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double[] e = new double[n];
    double sum = 0;
    for (int j = 0; j < n; j++) {
      e[j] = Math.exp(z[j] - max);
      sum += e[j];
    }
    double[][] formula = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        formula[i][j] = e[i] / sum * ((i == j ? 1 : 0) - e[j] / sum);
      }
    }
    return new Jacobian(z.clone(), s, autodiff, formula);
  }

  /**
   * Softmax over the rows {@code (x, 0, 0)} for every {@code x} in {@code xs} in one batch; an upstream gradient of
   * 1 on column 0 of every row makes backward return row 0 of each sample's Jacobian.
   */
  static Curve curve(double[] xs) {
    int n = xs.length;
    double[] logits = new double[3 * n];
    double[] upstream = new double[3 * n];
    for (int k = 0; k < n; k++) {
      logits[3 * k] = xs[k];
      upstream[3 * k] = 1;
    }
    Tensor z = Tensor.of(logits, n, 3).requiresGrad();
    Tensor s = z.softmax(1);
    s.backward(Tensor.of(upstream, n, 3));
    double[] values = s.toDoubleArray();
    double[] grad = z.grad().toDoubleArray();
    double[] s0 = new double[n];
    double[] autodiffDiagonal = new double[n];
    double[] formulaDiagonal = new double[n];
    double[] autodiffOffDiagonal = new double[n];
    double[] formulaOffDiagonal = new double[n];
    for (int k = 0; k < n; k++) {
      double p0 = Math.exp(xs[k]) / (Math.exp(xs[k]) + 2);
      double p1 = 1 / (Math.exp(xs[k]) + 2);
      s0[k] = values[3 * k];
      autodiffDiagonal[k] = grad[3 * k];
      autodiffOffDiagonal[k] = grad[3 * k + 1];
      formulaDiagonal[k] = p0 * (1 - p0);
      formulaOffDiagonal[k] = -p0 * p1;
    }
    return new Curve(xs.clone(), s0, autodiffDiagonal, formulaDiagonal, autodiffOffDiagonal, formulaOffDiagonal);
  }
}
