package dev.chainrule.autodiff.kernel;

import static jdk.incubator.vector.VectorOperators.ADD;
import static jdk.incubator.vector.VectorOperators.MAX;
import static jdk.incubator.vector.VectorOperators.MIN;

import com.google.common.base.VerifyException;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float reductions and log-softmax along the middle axis of {@code x} viewed as {@code [outer, r, inner]}
 * (element {@code (o, j, i)} at {@code (o * r + j) * inner + i}). With {@code inner == 1} each reduced row is
 * contiguous and is reduced with one vector accumulator; otherwise the vectors run across {@code inner}, the
 * contiguous axis, and the rows {@code j} are combined lane by lane. MAX and MIN propagate NaN, as in
 * {@link ScalarMath}.
 */
final class FloatReductions {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();

  private FloatReductions() {}

  static void reduce(ReduceOp op, float[] x, int outer, int r, int inner, float[] out) {
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

  private static float identity(ReduceOp op) {
    return switch (op) {
      case SUM -> 0f;
      case MAX -> Float.NEGATIVE_INFINITY;
      case MIN -> Float.POSITIVE_INFINITY;
    };
  }

  /** {@code op} over the {@code r >= 1} contiguous elements from {@code base}. */
  private static float reduceRow(ReduceOp op, float[] x, int base, int r) {
    int bound = F.loopBound(r);
    FloatVector acc = FloatVector.broadcast(F, identity(op));
    float result;
    switch (op) {
      case SUM -> {
        for (int j = 0; j < bound; j += L) {
          acc = acc.add(FloatVector.fromArray(F, x, base + j));
        }
        result = FloatVectorMath.sumLanes(acc);
      }
      case MAX -> {
        for (int j = 0; j < bound; j += L) {
          acc = acc.max(FloatVector.fromArray(F, x, base + j));
        }
        result = acc.reduceLanes(MAX);
      }
      case MIN -> {
        for (int j = 0; j < bound; j += L) {
          acc = acc.min(FloatVector.fromArray(F, x, base + j));
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
  private static void combineRows(ReduceOp op, float[] x, int base, int r, int inner, float[] out, int outBase) {
    int bound = F.loopBound(inner);
    switch (op) {
      case SUM -> {
        for (int j = 1; j < r; j++) {
          int row = base + j * inner;
          for (int i = 0; i < bound; i += L) {
            FloatVector.fromArray(F, out, outBase + i).add(FloatVector.fromArray(F, x, row + i))
                .intoArray(out, outBase + i);
          }
        }
      }
      case MAX -> {
        for (int j = 1; j < r; j++) {
          int row = base + j * inner;
          for (int i = 0; i < bound; i += L) {
            FloatVector.fromArray(F, out, outBase + i).max(FloatVector.fromArray(F, x, row + i))
                .intoArray(out, outBase + i);
          }
        }
      }
      case MIN -> {
        for (int j = 1; j < r; j++) {
          int row = base + j * inner;
          for (int i = 0; i < bound; i += L) {
            FloatVector.fromArray(F, out, outBase + i).min(FloatVector.fromArray(F, x, row + i))
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
  static void argReduce(ReduceOp op, float[] x, int outer, int r, int inner, int[] out) {
    boolean max = op == ReduceOp.MAX;
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = o * r * inner + i;
        int best = 0;
        float bestValue = x[base];
        for (int j = 1; j < r && !Float.isNaN(bestValue); j++) {
          float v = x[base + j * inner];
          if (Float.isNaN(v) || (max ? v > bestValue : v < bestValue)) {
            best = j;
            bestValue = v;
          }
        }
        out[o * inner + i] = best;
      }
    }
  }

  /** {@code out = (x - max) - ln(sum(exp(x - max)))} along the middle axis, in that order (see {@link Kernels}). */
  static void logSoftmax(float[] x, int outer, int r, int inner, float[] out) {
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
        FloatVector max = FloatVector.fromArray(F, x, base + i);
        for (int j = 1; j < r; j++) {
          max = max.max(FloatVector.fromArray(F, x, base + j * inner + i));
        }
        FloatVector sum = FloatVector.zero(F);
        for (int j = 0; j < r; j++) {
          sum = sum.add(FloatVectorMath.exp(FloatVector.fromArray(F, x, base + j * inner + i).sub(max)));
        }
        FloatVector logSum = FloatVectorMath.log(sum);
        for (int j = 0; j < r; j++) {
          FloatVector.fromArray(F, x, base + j * inner + i).sub(max).sub(logSum).intoArray(out, base + j * inner + i);
        }
      }
      for (int i = bound; i < inner; i++) {
        logSoftmaxStrided(x, base + i, r, inner, out);
      }
    }
  }

  /** Log-softmax of the contiguous row of {@code r} elements from {@code base}. */
  private static void logSoftmaxRow(float[] x, int base, int r, float[] out) {
    int bound = F.loopBound(r);
    float max = reduceRow(ReduceOp.MAX, x, base, r);
    FloatVector vmax = FloatVector.broadcast(F, max);
    FloatVector sum = FloatVector.zero(F);
    for (int j = 0; j < bound; j += L) {
      sum = sum.add(FloatVectorMath.exp(FloatVector.fromArray(F, x, base + j).sub(vmax)));
    }
    double total = FloatVectorMath.sumLanes(sum);
    for (int j = bound; j < r; j++) {
      total += Math.exp(x[base + j] - max);
    }
    float logSum = (float) Math.log(total);
    FloatVector vlogSum = FloatVector.broadcast(F, logSum);
    for (int j = 0; j < bound; j += L) {
      FloatVector.fromArray(F, x, base + j).sub(vmax).sub(vlogSum).intoArray(out, base + j);
    }
    for (int j = bound; j < r; j++) {
      out[base + j] = (x[base + j] - max) - logSum;
    }
  }

  /** Log-softmax of {@code r} elements {@code stride} apart from {@code base}, one at a time. */
  private static void logSoftmaxStrided(float[] x, int base, int r, int stride, float[] out) {
    float max = Float.NEGATIVE_INFINITY;
    for (int j = 0; j < r; j++) {
      max = Math.max(max, x[base + j * stride]);
    }
    double sum = 0;
    for (int j = 0; j < r; j++) {
      sum += Math.exp(x[base + j * stride] - max);
    }
    float logSum = (float) Math.log(sum);
    for (int j = 0; j < r; j++) {
      out[base + j * stride] = (x[base + j * stride] - max) - logSum;
    }
  }
}
