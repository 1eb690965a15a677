package dev.chainrule.autodiff.dump;

import dev.chainrule.autodiff.Tensor;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * How a dump shows a tensor's values: all of them, to 4 significant digits, for a tensor of at most
 * {@link #FULL_LIMIT} elements; otherwise {@link Stats}. {@link Stats} is public so that error messages
 * elsewhere (anomaly mode) describe tensors the way dumps do.
 */
public final class ValueSummary {
  /** The largest tensor shown element by element. */
  static final int FULL_LIMIT = 8;

  private static final MathContext DIGITS = new MathContext(4, RoundingMode.HALF_EVEN);

  /**
   * Summary statistics of a large tensor. Min, max, mean and the Euclidean norm are over the finite elements
   * (NaN when there are none); {@code nan} and {@code inf} count the others.
   */
  public record Stats(double min, double max, double mean, double norm, int nan, int inf) {
    /** The statistics of {@code t}'s elements. */
    public static Stats of(Tensor t) {
      return of(t.toDoubleArray());
    }

    static Stats of(double[] data) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      double sum = 0;
      double squares = 0;
      int nan = 0;
      int inf = 0;
      for (double v : data) {
        if (Double.isNaN(v)) {
          nan++;
        } else if (Double.isInfinite(v)) {
          inf++;
        } else {
          min = Math.min(min, v);
          max = Math.max(max, v);
          sum += v;
          squares += v * v;
        }
      }
      int finite = data.length - nan - inf;
      return finite == 0 ? new Stats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, nan, inf)
          : new Stats(min, max, sum / finite, Math.sqrt(squares), nan, inf);
    }

    @Override
    public String toString() {
      return "min " + number(min) + " max " + number(max) + " mean " + number(mean) + " norm " + number(norm)
          + " nan " + nan + " inf " + inf;
    }
  }

  private ValueSummary() {}

  /** Whether {@code t} is shown element by element. */
  static boolean isSmall(Tensor t) {
    return t.size() <= FULL_LIMIT;
  }

  /** The values of {@code t} (nested brackets by shape, a bare number for a scalar) or its statistics. */
  static String describe(Tensor t) {
    double[] data = t.toDoubleArray();
    if (!isSmall(t)) {
      return Stats.of(data).toString();
    }
    StringBuilder out = new StringBuilder();
    nested(out, t.shape().dims(), 0, data, 0);
    return out.toString();
  }

  /** {@code v} to 4 significant digits, plain for moderate magnitudes, scientific otherwise. */
  static String number(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    } else if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    } else if (v == 0) {
      return "0";
    }
    double a = Math.abs(v);
    if (a >= 1e-4 && a < 1e6) {
      return new BigDecimal(v).round(DIGITS).stripTrailingZeros().toPlainString();
    }
    return String.format(Locale.ROOT, "%.3e", v);
  }

  /** Appends the elements from {@code offset} for the axes from {@code axis} on; returns the next offset. */
  private static int nested(StringBuilder out, int[] dims, int axis, double[] data, int offset) {
    if (axis == dims.length) {
      out.append(number(data[offset]));
      return offset + 1;
    }
    out.append('[');
    for (int i = 0; i < dims[axis]; i++) {
      out.append(i == 0 ? "" : ", ");
      offset = nested(out, dims, axis + 1, data, offset);
    }
    out.append(']');
    return offset;
  }
}
