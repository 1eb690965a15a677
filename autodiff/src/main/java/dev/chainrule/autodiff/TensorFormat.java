package dev.chainrule.autodiff;

import java.util.Locale;

/**
 * NumPy-like text for a tensor: nested brackets, values with four significant decimals, and, past 1000
 * elements, only the first and last three entries of each axis around {@code ...}. For example
 * {@code tensor([[1.0000, 2.0000], [3.0000, 4.0000]], shape=(2, 2), dtype=float32)}. INT64 values print as
 * integers ({@code tensor([3, 0, 7], shape=(3), dtype=int64)}) and BOOL as {@code True} and {@code False}.
 */
final class TensorFormat {
  private static final int ELIDE_ABOVE = 1000;
  private static final int EDGE = 3;

  private TensorFormat() {}

  static String format(Tensor t) {
    StringBuilder sb = new StringBuilder("tensor(");
    boolean elide = t.size() > ELIDE_ABOVE;
    appendAxis(sb, t, t.shape().dims(), t.shape().strides(), 0, 0, elide);
    sb.append(", shape=").append(t.shape()).append(", dtype=").append(t.dtype());
    if (t.gradFn() != null) {
      sb.append(", gradFn=").append(t.gradFn().name());
    } else if (t.needsGrad()) {
      sb.append(", requiresGrad=true");
    }
    return sb.append(')').toString();
  }

  private static void appendAxis(StringBuilder sb, Tensor t, int[] dims, int[] strides, int axis, int offset,
      boolean elide) {
    if (axis == dims.length) {
      switch (t.dtype()) {
        case INT64 -> sb.append(t.getLong(offset));
        case BOOL -> sb.append(t.getLong(offset) != 0 ? "True" : "False");
        default -> sb.append(number(t.get(offset)));
      }
      return;
    }
    sb.append('[');
    int n = dims[axis];
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      if (elide && n > 2 * EDGE && i == EDGE) {
        sb.append("..., ");
        i = n - EDGE;
      }
      appendAxis(sb, t, dims, strides, axis + 1, offset + i * strides[axis], elide);
    }
    sb.append(']');
  }

  private static String number(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return Double.toString(v).replace("Infinity", "inf").replace("NaN", "nan");
    }
    double a = Math.abs(v);
    if (a != 0 && (a >= 1e6 || a < 1e-4)) {
      return String.format(Locale.ROOT, "%.4e", v);
    }
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
