package dev.chainrule.nn.data;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Tensor;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Per-feature statistics of samples {@code (N, d1, d2, ...)} over the sample axis N, computed in double, and the
 * per-feature affine map {@code (x - shift) / scale} that the scalers apply. A feature is one position of the
 * sample shape {@code (d1, d2, ...)}: a column of a {@code (N, features)} matrix, a pixel of {@code (N, C, H, W)}
 * images (one statistic per channel, row and column).
 */
final class Columns {
  /** The shape of one sample, {@code (d1, d2, ...)}; {@code mean.length} is its element count. */
  final int[] sampleShape;
  final double[] mean;
  final double[] std;
  final double[] min;
  final double[] max;

  private Columns(int[] sampleShape, int d) {
    this.sampleShape = sampleShape;
    mean = new double[d];
    std = new double[d];
    min = new double[d];
    max = new double[d];
  }

  /** Mean, population standard deviation, minimum and maximum over axis 0 of each feature of {@code x}. */
  static Columns of(Tensor x, String op) {
    checkArgument(x.rank() >= 2 && x.shape().dim(0) >= 1, "%s: fit needs samples of shape (samples, features) or"
        + " (samples, d1, d2, ...) with at least one sample, got %s", op, x.shape());
    int n = x.shape().dim(0);
    int[] sampleShape = Arrays.copyOfRange(x.shape().dims(), 1, x.rank());
    int d = x.size() / n;
    double[] values = x.toDoubleArray();
    Columns c = new Columns(sampleShape, d);
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

  /**
   * {@code (x - shift) / scale} per feature, in the type of {@code x}, whose samples must have
   * {@code sampleShape}, the shape the statistics were fitted on.
   */
  static Tensor affine(Tensor x, int[] sampleShape, double[] shift, double[] scale, String op) {
    checkArgument(x.rank() == sampleShape.length + 1
        && Arrays.equals(Arrays.copyOfRange(x.shape().dims(), 1, x.rank()), sampleShape),
        "%s: transform needs samples of shape %s like the ones it was fitted on, got %s", op,
        samplesOf(sampleShape), x.shape());
    DType type = x.dtype();
    return x.sub(Tensor.of(type, shift, sampleShape)).div(Tensor.of(type, scale, sampleShape));
  }

  /** {@code (samples, d1, d2, ...)}. */
  private static String samplesOf(int[] sampleShape) {
    return Arrays.stream(sampleShape).mapToObj(Integer::toString)
        .collect(Collectors.joining(", ", "(samples, ", ")"));
  }
}
