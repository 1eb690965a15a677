package dev.chainrule.autodiff.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code tanh} on float vectors, about twice as fast as the Vector API's lane-wise {@code TANH} on AVX2 and
 * within 2 ulp of {@code Math.tanh}. With {@code a = |x|}:
 *
 * <ul>
 *   <li>{@code a >= 1/2}: {@code tanh a = (1 - e) / (1 + e)} with {@code e = exp(-2a) <= 1/e}, so {@code 1 - e}
 *       is at least 0.63 and loses nothing to cancellation; for large {@code a}, {@code e} underflows to 0 and
 *       the result is exactly 1;
 *   <li>{@code a < 1/2}: the odd Taylor series {@code tanh a = a - a^3/3 + 2a^5/15 - 17a^7/315 + ...} up to
 *       {@code a^15}, whose first omitted term is below {@code 5e-8} relative at {@code a = 1/2}, evaluated by
 *       Horner's rule in {@code s = a^2}.
 * </ul>
 *
 * Both branches are computed for every lane and the right one selected; the sign of {@code x} is copied onto
 * the result, so {@code tanh(-0) = -0} and NaN stays NaN.
 */
final class FloatTanh {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int SIGN_BIT = 0x80000000;
  // Taylor coefficients of tanh: 2^(2n) (2^(2n) - 1) B_2n / (2n)! for the powers 3, 5, ..., 15.
  private static final float C3 = (float) (-1.0 / 3);
  private static final float C5 = (float) (2.0 / 15);
  private static final float C7 = (float) (-17.0 / 315);
  private static final float C9 = (float) (62.0 / 2835);
  private static final float C11 = (float) (-1382.0 / 155925);
  private static final float C13 = (float) (21844.0 / 6081075);
  private static final float C15 = (float) (-929569.0 / 638512875);

  private FloatTanh() {}

  /** {@code out[outOff + i] = tanh(x[xOff + i])} for {@code i < bound}, a multiple of the vector length. */
  static void apply(float[] x, int xOff, float[] out, int outOff, int bound) {
    FloatVector one = FloatVector.broadcast(F, 1f);
    FloatVector c3 = FloatVector.broadcast(F, C3);
    FloatVector c5 = FloatVector.broadcast(F, C5);
    FloatVector c7 = FloatVector.broadcast(F, C7);
    FloatVector c9 = FloatVector.broadcast(F, C9);
    FloatVector c11 = FloatVector.broadcast(F, C11);
    for (int i = 0; i < bound; i += F.length()) {
      FloatVector v = FloatVector.fromArray(F, x, xOff + i);
      FloatVector a = v.abs();
      FloatVector e = FloatVectorMath.exp(a.mul(-2f));
      FloatVector large = one.sub(e).div(one.add(e));
      FloatVector s = a.mul(a);
      FloatVector p = s.fma(C15, C13).fma(s, c11).fma(s, c9).fma(s, c7).fma(s, c5).fma(s, c3).mul(s);
      FloatVector small = a.fma(p, a);
      FloatVector magnitude = large.blend(small, a.compare(VectorOperators.LT, 0.5f));
      magnitude.reinterpretAsInts().or(v.reinterpretAsInts().and(SIGN_BIT)).reinterpretAsFloats()
          .intoArray(out, outOff + i);
    }
  }
}
