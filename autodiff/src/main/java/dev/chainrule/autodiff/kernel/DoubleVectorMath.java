package dev.chainrule.autodiff.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code exp} and {@code log} on double vectors from exactly rounded operations only, for the same reason and by
 * the same method as {@link FloatVectorMath}: the same bits compiled or interpreted, on every JDK. Taylor series
 * to {@code r^13} for {@code e^r} ({@code |r| <= ln2 / 2}; the next term is below {@code 5e-18}) and to
 * {@code s^23} for {@code ln m = 2 atanh(s)} ({@code |s| <= 0.1716}); within 2 ulp of {@code Math}. {@code x} is
 * clamped to {@code [-746, 710]} for exp; subnormal inputs of log are scaled by {@code 2^52} first.
 */
final class DoubleVectorMath {
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  private static final double LOG2E = 1.4426950408889634;
  private static final double LN2_HI = 6.93147180369123816490e-01; // fdlibm's split of ln 2
  private static final double LN2_LO = 1.90821492927058770002e-10;
  private static final double ROUNDER = 6755399441055744.0; // 1.5 * 2^52
  private static final double SQRT2 = 1.4142135623730951;

  private DoubleVectorMath() {}

  static DoubleVector exp(DoubleVector x) {
    DoubleVector clamped = x.max(-746.0).min(710.0);
    DoubleVector shifted = clamped.mul(LOG2E).add(ROUNDER);
    DoubleVector k = shifted.sub(ROUNDER);
    LongVector ki = shifted.reinterpretAsLongs().sub(Double.doubleToRawLongBits(ROUNDER));
    DoubleVector r = k.fma(DoubleVector.broadcast(D, -LN2_HI), clamped);
    r = k.fma(DoubleVector.broadcast(D, -LN2_LO), r);
    DoubleVector p = DoubleVector.broadcast(D, 1.0 / 6227020800.0); // 1/13!
    double factorial = 6227020800.0;
    for (int n = 12; n >= 1; n--) {
      factorial /= n + 1;
      p = p.fma(r, DoubleVector.broadcast(D, 1.0 / factorial));
    }
    p = p.fma(r, DoubleVector.broadcast(D, 1.0));
    LongVector k1 = ki.lanewise(VectorOperators.ASHR, 1);
    LongVector k2 = ki.sub(k1);
    return p.mul(powerOfTwo(k1)).mul(powerOfTwo(k2));
  }

  /** {@code 2^k} for {@code k} in the normal exponent range {@code [-1022, 1023]}. */
  private static DoubleVector powerOfTwo(LongVector k) {
    return k.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
  }

  static DoubleVector log(DoubleVector x) {
    var subnormal = x.compare(VectorOperators.LT, Double.MIN_NORMAL);
    DoubleVector scaled = x.blend(x.mul(4503599627370496.0), subnormal); // 2^52
    LongVector bits = scaled.reinterpretAsLongs();
    LongVector e = bits.lanewise(VectorOperators.LSHR, 52).and(0x7ffL).sub(1023);
    e = e.blend(e.sub(52), subnormal.cast(LongVector.SPECIES_PREFERRED));
    DoubleVector m = bits.and(0x000fffffffffffffL).or(0x3ff0000000000000L).reinterpretAsDoubles(); // [1, 2)
    var high = m.compare(VectorOperators.GT, SQRT2);
    m = m.blend(m.mul(0.5), high);
    e = e.blend(e.add(1), high.cast(LongVector.SPECIES_PREFERRED));
    DoubleVector s = m.sub(1.0).div(m.add(1.0));
    DoubleVector s2 = s.mul(s);
    DoubleVector series = DoubleVector.broadcast(D, 2.0 / 23);
    for (int n = 21; n >= 3; n -= 2) {
      series = series.fma(s2, DoubleVector.broadcast(D, 2.0 / n));
    }
    DoubleVector lnM = s.mul(s2).fma(series, s.add(s)); // 2s + s^3 (2/3 + ...): the leading term added last
    DoubleVector ed = (DoubleVector) e.convert(VectorOperators.L2D, 0);
    DoubleVector result = ed.fma(DoubleVector.broadcast(D, LN2_HI), ed.fma(DoubleVector.broadcast(D, LN2_LO), lnM));
    result = result.blend(x, x.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY)
        .or(x.test(VectorOperators.IS_NAN)));
    result = result.blend(Double.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0.0));
    return result.blend(Double.NaN, x.compare(VectorOperators.LT, 0.0));
  }

  /** The sum of the lanes in lane order, the same bits whether compiled or interpreted. */
  static double sumLanes(DoubleVector v) {
    double sum = 0;
    for (int i = 0; i < v.length(); i++) {
      sum += v.lane(i);
    }
    return sum;
  }
}
