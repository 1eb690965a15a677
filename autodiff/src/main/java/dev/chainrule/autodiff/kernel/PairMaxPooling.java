package dev.chainrule.autodiff.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Max pooling of 2x2 windows at stride 2 without padding or dilation, the common case of a CNN, as
 * {@link Pooling#max} computes it but without walking window lists: per output, the four taps in row-major order
 * {@code a, b} (row {@code 2i}) and {@code c, d} (row {@code 2i + 1}), the first maximum on ties and the last NaN
 * when the window holds one (then the output is NaN).
 *
 * <p>In float, {@code L} outputs of a plane at a time: the four taps of each window are gathered into four vectors
 * and compared lane-wise, so the choice of each window's maximum is a mask, not a branch; a branch per tap is
 * mispredicted about half the time on real feature maps. The outputs of a plane past the last whole vector, and
 * double precision, take the scalar loop (a masked gather would still check the indices of its unused lanes,
 * which run past the array at its end).
 */
final class PairMaxPooling {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());
  private static final int L = F.length();

  private PairMaxPooling() {}

  /** Whether every window of {@code taps} over an axis is the pair {@code {2o, 2o + 1}}. */
  static boolean isPairs(int[][] taps) {
    for (int o = 0; o < taps.length; o++) {
      int[] t = taps[o];
      if (t.length != 2 || t[0] != 2 * o || t[1] != 2 * o + 1) {
        return false;
      }
    }
    return true;
  }

  /**
   * The index of each output's first tap within its plane, {@code first[i * ow + j] = 2 i w + 2 j}: the gather
   * map of {@link #max(float[], int, int, int, int, float[], int[], int, int, int[])}.
   */
  static int[] firstTaps(int w, int oh, int ow) {
    int[] first = new int[oh * ow];
    for (int i = 0; i < oh; i++) {
      for (int j = 0; j < ow; j++) {
        first[i * ow + j] = 2 * i * w + 2 * j;
      }
    }
    return first;
  }

  /**
   * The planes {@code [from, to)} of {@link Pooling#max} for pair windows on both axes; {@code first} is
   * {@link #firstTaps}. A plane's outputs are taken {@code L} at a time in row-major order, across output rows,
   * so a narrow feature map (7 or 14 outputs wide, narrower than 16 lanes) is still vectorised.
   */
  static void max(float[] x, int h, int w, int oh, int ow, float[] y, int[] arg, int from, int to, int[] first) {
    int plane = oh * ow;
    int bound = plane - plane % L;
    for (int p = from; p < to; p++) {
      int base = p * h * w;
      int out = p * plane;
      for (int o = 0; o < bound; o += L) {
        FloatVector best = FloatVector.fromArray(F, x, base, first, o);
        IntVector at = IntVector.zero(I);
        // each later tap wins where it is larger or NaN, as in the scalar loop
        FloatVector v = FloatVector.fromArray(F, x, base + 1, first, o);
        VectorMask<Float> wins = v.compare(VectorOperators.GT, best).or(v.test(VectorOperators.IS_NAN));
        best = best.blend(v, wins);
        at = at.blend(1, wins.cast(I));
        v = FloatVector.fromArray(F, x, base + w, first, o);
        wins = v.compare(VectorOperators.GT, best).or(v.test(VectorOperators.IS_NAN));
        best = best.blend(v, wins);
        at = at.blend(w, wins.cast(I));
        v = FloatVector.fromArray(F, x, base + w + 1, first, o);
        wins = v.compare(VectorOperators.GT, best).or(v.test(VectorOperators.IS_NAN));
        best = best.blend(v, wins);
        at = at.blend(w + 1, wins.cast(I));
        best.intoArray(y, out + o);
        if (arg != null) {
          at.add(IntVector.fromArray(I, first, o)).add(base).intoArray(arg, out + o);
        }
      }
      for (int o = bound; o < plane; o++) {
        int k = base + first[o];
        float best = x[k];
        int at = k;
        float v = x[k + 1];
        boolean take = v > best || v != v;
        best = take ? v : best;
        at = take ? k + 1 : at;
        v = x[k + w];
        take = v > best || v != v;
        best = take ? v : best;
        at = take ? k + w : at;
        v = x[k + w + 1];
        take = v > best || v != v;
        best = take ? v : best;
        at = take ? k + w + 1 : at;
        y[out + o] = best;
        if (arg != null) {
          arg[out + o] = at;
        }
      }
    }
  }

  /** As the float version, in double precision. */
  static void max(double[] x, int h, int w, int oh, int ow, double[] y, int[] arg, int from, int to) {
    for (int p = from; p < to; p++) {
      int out = p * oh * ow;
      for (int i = 0; i < oh; i++) {
        int top = p * h * w + 2 * i * w;
        for (int j = 0; j < ow; j++, out++) {
          int k = top + 2 * j;
          double best = x[k];
          int at = k;
          double v = x[k + 1];
          boolean take = v > best || v != v;
          best = take ? v : best;
          at = take ? k + 1 : at;
          v = x[k + w];
          take = v > best || v != v;
          best = take ? v : best;
          at = take ? k + w : at;
          v = x[k + w + 1];
          take = v > best || v != v;
          best = take ? v : best;
          at = take ? k + w + 1 : at;
          y[out] = best;
          if (arg != null) {
            arg[out] = at;
          }
        }
      }
    }
  }
}
