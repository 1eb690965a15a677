package dev.chainrule.autodiff.kernel;

import static jdk.incubator.vector.VectorOperators.ADD;
import static jdk.incubator.vector.VectorOperators.MAX;
import static jdk.incubator.vector.VectorOperators.MIN;

import com.google.common.base.VerifyException;
import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Double reductions and log-softmax along the middle axis of {@code x} viewed as {@code [outer, r, inner]}
 * (element {@code (o, j, i)} at {@code (o * r + j) * inner + i}). With {@code inner == 1} each reduced row is
 * contiguous and is reduced with one vector accumulator; otherwise the vectors run across {@code inner}, the
 * contiguous axis, and the rows {@code j} are combined lane by lane. MAX and MIN propagate NaN, as in
 * {@link ScalarMath}.
 */
final class DoubleReductions {
  private static final VectorSpecies<Double> F = DoubleVector.SPECIES_PREFERRED;
  private static final int L = F.length();

  private DoubleReductions() {}

  static void reduce(ReduceOp op, double[] x, int outer, int r, int inner, double[] out) {
    if (r == 0) {
      Arrays.fill(out, 0, outer * inner, identity(op));
    } else if (inner == 1) {
      for (int o = 0; o < outer; o++) {
        out[o] = reduceRow(op, x, o * r, r);
      }
    } else {
      for (int o = 0; o < outer; o++) {
        System.arraycopy(x, o * r * inner, out, o * inner, inner);
        combineRows(op, x, o * r * inner, r, inner, out, o * inner);
      }
    }
  }

  private static double identity(ReduceOp op) {
    return switch (op) {
      case SUM -> 0d;
      case MAX -> Double.NEGATIVE_INFINITY;
      case MIN -> Double.POSITIVE_INFINITY;
    };
  }

  /** {@code op} over the {@code r >= 1} contiguous elements from {@code base}. */
  private static double reduceRow(ReduceOp op, double[] x, int base, int r) {
    int bound = F.loopBound(r);
    DoubleVector acc = DoubleVector.broadcast(F, identity(op));
    double result;
    switch (op) {
      case SUM -> {
        for (int j = 0; j < bound; j += L) {
          acc = acc.add(DoubleVector.fromArray(F, x, base + j));
        }
        result = DoubleVectorMath.sumLanes(acc);
      }
      case MAX -> {
        for (int j = 0; j < bound; j += L) {
          acc = acc.max(DoubleVector.fromArray(F, x, base + j));
        }
        result = acc.reduceLanes(MAX);
      }
      case MIN -> {
        for (int j = 0; j < bound; j += L) {
          acc = acc.min(DoubleVector.fromArray(F, x, base + j));
        }
        result = acc.reduceLanes(MIN);
      }
      default -> throw new VerifyException("not a reduction: " + op);
    }
    BinaryOp combine = combiner(op);
    for (int j = bound; j < r; j++) {
      result = ScalarMath.binary(combine, result, x[base + j]);
    }
    return result;
  }

  /** {@code out[outBase + i] = op(out[outBase + i], x[base + j * inner + i])} for rows {@code 1 <= j < r}. */
  private static void combineRows(ReduceOp op, double[] x, int base, int r, int inner, double[] out, int outBase) {
    int bound = F.loopBound(inner);
    switch (op) {
      case SUM -> {
        for (int j = 1; j < r; j++) {
          int row = base + j * inner;
          for (int i = 0; i < bound; i += L) {
            DoubleVector.fromArray(F, out, outBase + i).add(DoubleVector.fromArray(F, x, row + i))
                .intoArray(out, outBase + i);
          }
        }
      }
      case MAX -> {
        for (int j = 1; j < r; j++) {
          int row = base + j * inner;
          for (int i = 0; i < bound; i += L) {
            DoubleVector.fromArray(F, out, outBase + i).max(DoubleVector.fromArray(F, x, row + i))
                .intoArray(out, outBase + i);
          }
        }
      }
      case MIN -> {
        for (int j = 1; j < r; j++) {
          int row = base + j * inner;
          for (int i = 0; i < bound; i += L) {
            DoubleVector.fromArray(F, out, outBase + i).min(DoubleVector.fromArray(F, x, row + i))
                .intoArray(out, outBase + i);
          }
        }
      }
    }
    BinaryOp combine = combiner(op);
    for (int j = 1; j < r; j++) {
      for (int i = bound; i < inner; i++) {
        out[outBase + i] = ScalarMath.binary(combine, out[outBase + i], x[base + j * inner + i]);
      }
    }
  }

  private static BinaryOp combiner(ReduceOp op) {
    return switch (op) {
      case SUM -> BinaryOp.ADD;
      case MAX -> BinaryOp.MAX;
      case MIN -> BinaryOp.MIN;
    };
  }

  /** First index of the largest (MAX) or smallest (MIN) element; a NaN wins at once. A plain loop. */
  static void argReduce(ReduceOp op, double[] x, int outer, int r, int inner, int[] out) {
    boolean max = op == ReduceOp.MAX;
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = o * r * inner + i;
        int best = 0;
        double bestValue = x[base];
        for (int j = 1; j < r && !Double.isNaN(bestValue); j++) {
          double v = x[base + j * inner];
          if (Double.isNaN(v) || (max ? v > bestValue : v < bestValue)) {
            best = j;
            bestValue = v;
          }
        }
        out[o * inner + i] = best;
      }
    }
  }

  /** {@code out = (x - max) - ln(sum(exp(x - max)))} along the middle axis, in that order (see {@link Kernels}). */
  static void logSoftmax(double[] x, int outer, int r, int inner, double[] out) {
    if (r == 0) {
      return;
    }
    int bound = F.loopBound(inner);
    for (int o = 0; o < outer; o++) {
      int base = o * r * inner;
      if (inner == 1) {
        logSoftmaxRow(x, base, r, out);
        continue;
      }
      for (int i = 0; i < bound; i += L) {
        DoubleVector max = DoubleVector.fromArray(F, x, base + i);
        for (int j = 1; j < r; j++) {
          max = max.max(DoubleVector.fromArray(F, x, base + j * inner + i));
        }
        DoubleVector sum = DoubleVector.zero(F);
        for (int j = 0; j < r; j++) {
          sum = sum.add(DoubleVectorMath.exp(DoubleVector.fromArray(F, x, base + j * inner + i).sub(max)));
        }
        DoubleVector logSum = DoubleVectorMath.log(sum);
        for (int j = 0; j < r; j++) {
          DoubleVector.fromArray(F, x, base + j * inner + i).sub(max).sub(logSum).intoArray(out, base + j * inner + i);
        }
      }
      for (int i = bound; i < inner; i++) {
        logSoftmaxStrided(x, base + i, r, inner, out);
      }
    }
  }

  /** Log-softmax of the contiguous row of {@code r} elements from {@code base}. */
  private static void logSoftmaxRow(double[] x, int base, int r, double[] out) {
    int bound = F.loopBound(r);
    double max = reduceRow(ReduceOp.MAX, x, base, r);
    DoubleVector vmax = DoubleVector.broadcast(F, max);
    DoubleVector sum = DoubleVector.zero(F);
    for (int j = 0; j < bound; j += L) {
      sum = sum.add(DoubleVectorMath.exp(DoubleVector.fromArray(F, x, base + j).sub(vmax)));
    }
    double total = DoubleVectorMath.sumLanes(sum);
    for (int j = bound; j < r; j++) {
      total += Math.exp(x[base + j] - max);
    }
    double logSum = Math.log(total);
    DoubleVector vlogSum = DoubleVector.broadcast(F, logSum);
    for (int j = 0; j < bound; j += L) {
      DoubleVector.fromArray(F, x, base + j).sub(vmax).sub(vlogSum).intoArray(out, base + j);
    }
    for (int j = bound; j < r; j++) {
      out[base + j] = (x[base + j] - max) - logSum;
    }
  }

  /** Log-softmax of {@code r} elements {@code stride} apart from {@code base}, one at a time. */
  private static void logSoftmaxStrided(double[] x, int base, int r, int stride, double[] out) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < r; j++) {
      max = Math.max(max, x[base + j * stride]);
    }
    double sum = 0;
    for (int j = 0; j < r; j++) {
      sum += Math.exp(x[base + j * stride] - max);
    }
    double logSum = Math.log(sum);
    for (int j = 0; j < r; j++) {
      out[base + j * stride] = (x[base + j * stride] - max) - logSum;
    }
  }
}
