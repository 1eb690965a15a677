package dev.chainrule.autodiff.kernel;

import com.google.common.base.Verify;
import com.google.common.base.VerifyException;

/**
 * The INT64 loops: exact integer arithmetic, comparisons and reductions over {@code long[]}. Plain Java rather
 * than SIMD: integer tensors hold indices, labels and token ids, whose arithmetic is never where time goes. An
 * overflow is refused ({@code IllegalArgumentException} naming the op) rather than wrapped around.
 */
public final class LongKernels {
  private LongKernels() {}

  /**
   * {@code out[outOff + i] = op(a[aOff + (aRepeats ? 0 : i)], b[bOff + (bRepeats ? 0 : i)])} for {@code i < n};
   * a comparison gives 1 or 0. DIV, POW and RELU_BACKWARD have no INT64 form (callers compute them in a floating
   * type).
   */
  public static void binary(String name, BinaryOp op, long[] a, int aOff, boolean aRepeats, long[] b, int bOff,
      boolean bRepeats, long[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      long x = a[aRepeats ? aOff : aOff + i];
      long y = b[bRepeats ? bOff : bOff + i];
      out[outOff + i] = apply(name, op, x, y);
    }
  }

  private static long apply(String name, BinaryOp op, long x, long y) {
    try {
      return switch (op) {
        case ADD -> Math.addExact(x, y);
        case SUB -> Math.subtractExact(x, y);
        case MUL -> Math.multiplyExact(x, y);
        case MAX -> Math.max(x, y);
        case MIN -> Math.min(x, y);
        case GT -> x > y ? 1 : 0;
        case GE -> x >= y ? 1 : 0;
        case LT -> x < y ? 1 : 0;
        case LE -> x <= y ? 1 : 0;
        case EQ -> x == y ? 1 : 0;
        case NE -> x != y ? 1 : 0;
        case DIV, POW, RELU_BACKWARD -> throw new VerifyException(
            name + ": " + op + " has no int64 kernel");
      };
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(name + ": int64 overflow in " + x + " " + op + " " + y, e);
    }
  }

  /** {@code out[i] = -x[i]} (NEG) or {@code |x[i]|} (ABS); overflow (of {@code Long.MIN_VALUE}) is refused. */
  public static void unary(String name, UnaryOp op, long[] x, long[] out) {
    Verify.verify(op == UnaryOp.NEG || op == UnaryOp.ABS, "%s: %s has no int64 kernel", name, op);
    for (int i = 0; i < x.length; i++) {
      if (x[i] == Long.MIN_VALUE) {
        throw new IllegalArgumentException(name + ": int64 overflow in " + op + " of " + x[i]);
      }
      out[i] = op == UnaryOp.NEG ? -x[i] : Math.abs(x[i]);
    }
  }

  /**
   * Reduces {@code x}, viewed as {@code [outer, r, inner]}, along its middle axis into {@code out}
   * ({@code [outer, inner]}); SUM is exact (overflow refused), MAX and MIN need {@code r >= 1}.
   */
  public static void reduce(String name, ReduceOp op, long[] x, int outer, int r, int inner, long[] out) {
    for (int o = 0; o < outer; o++) {
      for (int j = 0; j < inner; j++) {
        int base = o * r * inner + j;
        long acc = op == ReduceOp.SUM ? 0 : x[base];
        for (int k = op == ReduceOp.SUM ? 0 : 1; k < r; k++) {
          long v = x[base + k * inner];
          acc = switch (op) {
            case SUM -> {
              try {
                yield Math.addExact(acc, v);
              } catch (ArithmeticException e) {
                throw new IllegalArgumentException(name + ": int64 overflow in the sum", e);
              }
            }
            case MAX -> Math.max(acc, v);
            case MIN -> Math.min(acc, v);
          };
        }
        out[o * inner + j] = acc;
      }
    }
  }

  /**
   * The index of the first largest (MAX) or smallest (MIN) element of {@code x}, viewed as {@code [outer, r, inner]},
   * along its middle axis, {@code r >= 1}.
   */
  public static void argReduce(ReduceOp op, long[] x, int outer, int r, int inner, int[] index) {
    for (int o = 0; o < outer; o++) {
      for (int j = 0; j < inner; j++) {
        int base = o * r * inner + j;
        long best = x[base];
        int at = 0;
        for (int k = 1; k < r; k++) {
          long v = x[base + k * inner];
          if (op == ReduceOp.MAX ? v > best : v < best) {
            best = v;
            at = k;
          }
        }
        index[o * inner + j] = at;
      }
    }
  }
}
