package dev.chainrule.nn.data;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Tensor;

/**
 * Per-column statistics of a {@code (samples, features)} matrix, computed in double, and the per-column affine
 * map {@code (x - shift) / scale} that the scalers apply.
 */
final class Columns {
  final double[] mean;
  final double[] std;
  final double[] min;
  final double[] max;

  private Columns(int d) {
    mean = new double[d];
    std = new double[d];
    min = new double[d];
    max = new double[d];
  }

  /** Mean, population standard deviation, minimum and maximum of each column of {@code x}. */
  static Columns of(Tensor x, String op) {
    checkArgument(x.rank() == 2 && x.shape().dim(0) >= 1,
        "%s: fit needs a (samples, features) matrix with at least one sample, got %s", op, x.shape());
    int n = x.shape().dim(0);
    int d = x.shape().dim(1);
    double[] values = x.toDoubleArray();
    Columns c = new Columns(d);
    for (int j = 0; j < d; j++) {
      c.min[j] = Double.POSITIVE_INFINITY;
      c.max[j] = Double.NEGATIVE_INFINITY;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double v = values[i * d + j];
        checkArgument(Double.isFinite(v), "%s: feature %s of sample %s is %s; fit needs finite values", op, j, i, v);
        c.mean[j] += v;
        c.min[j] = Math.min(c.min[j], v);
        c.max[j] = Math.max(c.max[j], v);
      }
    }
    for (int j = 0; j < d; j++) {
      c.mean[j] /= n;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double deviation = values[i * d + j] - c.mean[j];
        c.std[j] += deviation * deviation;
      }
    }
    for (int j = 0; j < d; j++) {
      c.std[j] = Math.sqrt(c.std[j] / n);
    }
    return c;
  }

  /** Whether column {@code j} holds one value only (so it has nothing to scale). */
  boolean constant(int j) {
    return min[j] == max[j];
  }

  /** {@code (x - shift) / scale} per column, in the type of {@code x}. */
  static Tensor affine(Tensor x, double[] shift, double[] scale, String op) {
    checkArgument(x.rank() == 2 && x.shape().dim(1) == shift.length,
        "%s: transform needs a (samples, %s) matrix like the one it was fitted on, got %s", op, shift.length,
        x.shape());
    DType type = x.dtype();
    return x.sub(Tensor.of(type, shift, shift.length)).div(Tensor.of(type, scale, scale.length));
  }
}
