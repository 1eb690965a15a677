package dev.chainrule.autodiff;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;

/** How tensors are created: the bodies behind {@code Tensor.zeros}, {@code arange}, {@code randn} and so on. */
final class TensorFactory {
  private TensorFactory() {}

  static Tensor full(DType dtype, double value, Shape shape) {
    switch (dtype) {
      case FLOAT32 -> {
        float[] data = new float[shape.size()];
        Arrays.fill(data, (float) value);
        return Tensor.wrap(shape, data);
      }
      case FLOAT64 -> {
        double[] data = new double[shape.size()];
        Arrays.fill(data, value);
        return Tensor.wrap(shape, data);
      }
      case INT64 -> {
        long[] data = new long[shape.size()];
        Arrays.fill(data, exactLong("full", value));
        return Tensor.wrap(shape, data);
      }
      case BOOL -> {
        boolean[] data = new boolean[shape.size()];
        Arrays.fill(data, value != 0);
        return Tensor.wrap(shape, data);
      }
      default -> throw new AssertionError(dtype);
    }
  }

  /** {@code value} as a long, refused unless it is an integer a long holds exactly. */
  static long exactLong(String op, double value) {
    checkArgument(value == Math.rint(value) && Math.abs(value) <= 0x1p63 && value != 0x1p63,
        "%s: %s is not an integer an int64 tensor can hold", op, value);
    return (long) value;
  }

  private static void checkFloating(String op, DType dtype) {
    checkArgument(dtype.isFloatingPoint(), "%s: needs a floating type (float32 or float64), got %s", op, dtype);
  }

  static Tensor fromRows(float[][] rows) {
    int cols = columns(rows);
    float[] data = new float[Shape.of(rows.length, cols).size()];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, data, i * cols, cols);
    }
    return Tensor.wrap(Shape.of(rows.length, cols), data);
  }

  static Tensor fromRows(double[][] rows) {
    int cols = columns(rows);
    double[] data = new double[Shape.of(rows.length, cols).size()];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, data, i * cols, cols);
    }
    return Tensor.wrap(Shape.of(rows.length, cols), data);
  }

  private static int columns(Object[] rows) {
    checkNotNull(rows, "of: rows must not be null");
    int cols = rows.length == 0 ? 0 : java.lang.reflect.Array.getLength(rows[0]);
    for (int i = 0; i < rows.length; i++) {
      int length = java.lang.reflect.Array.getLength(checkNotNull(rows[i], "of: row %s is null", i));
      checkArgument(length == cols, "of: row %s has %s values but row 0 has %s; rows must have equal length",
          i, length, cols);
    }
    return cols;
  }

  static Tensor arange(DType dtype, double start, double end, double step) {
    checkArgument(step != 0 && Double.isFinite(step), "arange: step must be finite and non-zero, got %s", step);
    checkArgument(Double.isFinite(start) && Double.isFinite(end), "arange: bounds must be finite, got %s and %s",
        start, end);
    double count = Math.max(0, Math.ceil((end - start) / step));
    checkArgument(count <= Shape.MAX_SIZE, "arange: from %s to %s in steps of %s is %s values, more than the"
        + " largest array (%s)", start, end, step, count, Shape.MAX_SIZE);
    int n = (int) count;
    double[] data = new double[n];
    for (int i = 0; i < n; i++) {
      data[i] = start + i * step;
    }
    return Tensor.wrap(Shape.of(n), data).to(dtype);
  }

  static Tensor linspace(DType dtype, double start, double end, int steps) {
    checkArgument(steps >= 0, "linspace: steps must be >= 0, got %s", steps);
    checkArgument(steps <= Shape.MAX_SIZE, "linspace: %s steps are more than the largest array (%s)", steps,
        Shape.MAX_SIZE);
    double[] data = new double[steps];
    double step = steps > 1 ? (end - start) / (steps - 1) : 0;
    for (int i = 0; i < steps; i++) {
      data[i] = i == steps - 1 ? end : start + i * step;
    }
    return Tensor.wrap(Shape.of(steps), data).to(dtype);
  }

  static Tensor eye(DType dtype, int n) {
    checkArgument(n >= 0, "eye: n must be >= 0, got %s", n);
    Shape shape = Shape.of(n, n);
    double[] data = new double[shape.size()];
    for (int i = 0; i < n; i++) {
      data[i * n + i] = 1;
    }
    return Tensor.wrap(shape, data).to(dtype);
  }

  /**
   * Uniform in {@code [low, high)}, drawn straight into {@code dtype}'s storage: each value is
   * {@code low + (high - low) * u} in double, rounded once to the type.
   */
  static Tensor uniform(DType dtype, Rng rng, double low, double high, Shape shape) {
    checkNotNull(rng, "uniform: rng must not be null");
    checkFloating("uniform", dtype);
    checkArgument(low <= high, "uniform: low %s must not exceed high %s", low, high);
    if (dtype == DType.FLOAT32) {
      float[] data = new float[shape.size()];
      for (int i = 0; i < data.length; i++) {
        data[i] = (float) (low + (high - low) * rng.nextDouble());
      }
      return Tensor.wrap(shape, data);
    }
    double[] data = new double[shape.size()];
    for (int i = 0; i < data.length; i++) {
      data[i] = low + (high - low) * rng.nextDouble();
    }
    return Tensor.wrap(shape, data);
  }

  /**
   * Normal with mean {@code mean} and standard deviation {@code std}, drawn straight into {@code dtype}'s storage:
   * {@code z * std + mean} with {@code z} standard normal, computed in the type itself, so a FLOAT32 result has
   * exactly the bits of {@code randn(...).mul(std).add(mean)} without its three temporary tensors.
   */
  static Tensor normal(DType dtype, Rng rng, double mean, double std, Shape shape) {
    checkNotNull(rng, "normal: rng must not be null");
    checkFloating("normal", dtype);
    if (dtype == DType.FLOAT32) {
      float[] data = new float[shape.size()];
      float s = (float) std;
      float m = (float) mean;
      for (int i = 0; i < data.length; i++) {
        data[i] = (float) rng.nextGaussian() * s + m;
      }
      return Tensor.wrap(shape, data);
    }
    double[] data = new double[shape.size()];
    for (int i = 0; i < data.length; i++) {
      data[i] = rng.nextGaussian() * std + mean;
    }
    return Tensor.wrap(shape, data);
  }

  static int[] allAxes(int rank) {
    int[] axes = new int[rank];
    for (int i = 0; i < rank; i++) {
      axes[i] = i;
    }
    return axes;
  }

  /** The values of a non-FLOAT32 tensor as float (BOOL as 1 and 0). */
  static float[] toFloats(Tensor t) {
    float[] out = new float[t.size()];
    switch (t.dtype()) {
      case FLOAT64 -> {
        double[] v = t.rawDoubles();
        for (int i = 0; i < out.length; i++) {
          out[i] = (float) v[i];
        }
      }
      case INT64 -> {
        long[] v = t.rawLongs();
        for (int i = 0; i < out.length; i++) {
          out[i] = v[i];
        }
      }
      case BOOL -> {
        boolean[] v = t.rawBooleans();
        for (int i = 0; i < out.length; i++) {
          out[i] = v[i] ? 1 : 0;
        }
      }
      default -> throw new AssertionError(t.dtype());
    }
    return out;
  }

  /** The values of a non-FLOAT64 tensor as double (BOOL as 1 and 0). */
  static double[] toDoubles(Tensor t) {
    double[] out = new double[t.size()];
    switch (t.dtype()) {
      case FLOAT32 -> {
        float[] v = t.rawFloats();
        for (int i = 0; i < out.length; i++) {
          out[i] = v[i];
        }
      }
      case INT64 -> {
        long[] v = t.rawLongs();
        for (int i = 0; i < out.length; i++) {
          out[i] = v[i];
        }
      }
      case BOOL -> {
        boolean[] v = t.rawBooleans();
        for (int i = 0; i < out.length; i++) {
          out[i] = v[i] ? 1 : 0;
        }
      }
      default -> throw new AssertionError(t.dtype());
    }
    return out;
  }

  /**
   * The values of a non-INT64 tensor as long: BOOL as 1 and 0, a floating value truncated toward zero; NaN, an
   * infinity or a value beyond the range of long is refused, since no integer stands for it.
   */
  static long[] toLongs(Tensor t) {
    long[] out = new long[t.size()];
    if (t.dtype() == DType.BOOL) {
      boolean[] v = t.rawBooleans();
      for (int i = 0; i < out.length; i++) {
        out[i] = v[i] ? 1 : 0;
      }
      return out;
    }
    for (int i = 0; i < out.length; i++) {
      double v = t.get(i);
      if (!(Math.abs(v) < 0x1p63)) {
        throw new IllegalArgumentException("to(int64): element " + i + " is " + v + ", which no int64 can hold");
      }
      out[i] = (long) v;
    }
    return out;
  }

  /** The values of a non-BOOL tensor as boolean: nonzero (NaN included) is true, as in PyTorch. */
  static boolean[] toBooleans(Tensor t) {
    boolean[] out = new boolean[t.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = t.get(i) != 0; // NaN != 0 holds
    }
    return out;
  }
}
