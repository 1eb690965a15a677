package dev.chainrule.autodiff.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code exp} and {@code log} on float vectors, built only from additions, multiplications, fused multiply-adds
 * and bit operations. Those are exactly rounded by IEEE 754 whether the JIT has compiled the loop or not, so the
 * results are the same bits in a cold and a warm JVM and on every JDK; the Vector API's lane-wise {@code EXP} and
 * {@code LOG} are not (their interpreted fallback calls {@code Math.exp} per lane, their intrinsic a vector math
 * library), which made two identical seeded training runs differ. Both are within 2 ulp of {@code Math}.
 *
 * <p>exp: {@code x = k ln2 + r} with {@code k = round(x / ln2)} and {@code |r| <= ln2 / 2} (Cody-Waite: {@code ln2}
 * in two parts so {@code r} is exact), {@code e^r} by its Taylor series to {@code r^7} (the next term is below
 * {@code 6e-9}), then {@code e^x = e^r 2^k1 2^k2} with {@code k = k1 + k2}, two factors so that results near
 * overflow and in the subnormal range come out right; {@code x} is clamped to {@code [-104, 89]} first, beyond
 * which the result is 0 or infinity anyway.
 *
 * <p>log: {@code x = 2^e m} with {@code m} in {@code [sqrt(1/2), sqrt(2))}, {@code ln m = 2 atanh(s)} with
 * {@code s = (m - 1) / (m + 1)}, {@code |s| <= 0.1716}, by its series to {@code s^13}; {@code ln x = e ln2 + ln m}.
 * Subnormal inputs are scaled by {@code 2^23} first. {@code ln 0 = -inf}, {@code ln x = NaN} for {@code x < 0}.
 */
final class FloatVectorMath {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final float LOG2E = 1.44269504088896341f;
  private static final float LN2_HI = 0.693359375f; // few bits, so k * LN2_HI is exact
  private static final float LN2_LO = -2.12194440e-4f; // ln 2 - LN2_HI
  private static final float ROUNDER = 12582912f; // 1.5 * 2^23: adding it rounds to an integer
  private static final float SQRT_HALF = 0.70710678118654752f;

  private FloatVectorMath() {}

  static FloatVector exp(FloatVector x) {
    FloatVector clamped = x.max(-104f).min(89f); // NaN stays NaN
    FloatVector shifted = clamped.mul(LOG2E).add(ROUNDER);
    FloatVector k = shifted.sub(ROUNDER);
    IntVector ki = shifted.reinterpretAsInts().sub(Float.floatToRawIntBits(ROUNDER));
    FloatVector r = k.fma(FloatVector.broadcast(F, -LN2_HI), clamped);
    r = k.fma(FloatVector.broadcast(F, -LN2_LO), r);
    FloatVector p = r.fma(FloatVector.broadcast(F, 1f / 5040), FloatVector.broadcast(F, 1f / 720));
    p = p.fma(r, FloatVector.broadcast(F, 1f / 120));
    p = p.fma(r, FloatVector.broadcast(F, 1f / 24));
    p = p.fma(r, FloatVector.broadcast(F, 1f / 6));
    p = p.fma(r, FloatVector.broadcast(F, 0.5f));
    p = p.fma(r, FloatVector.broadcast(F, 1f));
    p = p.fma(r, FloatVector.broadcast(F, 1f));
    IntVector k1 = ki.lanewise(VectorOperators.ASHR, 1);
    IntVector k2 = ki.sub(k1);
    return p.mul(powerOfTwo(k1)).mul(powerOfTwo(k2));
  }

  /** {@code 2^k} for {@code k} in the normal exponent range {@code [-126, 127]}. */
  private static FloatVector powerOfTwo(IntVector k) {
    return k.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
  }

  static FloatVector log(FloatVector x) {
    var subnormal = x.compare(VectorOperators.LT, Float.MIN_NORMAL);
    FloatVector scaled = x.blend(x.mul(8388608f), subnormal); // 2^23
    IntVector bits = scaled.reinterpretAsInts();
    IntVector e = bits.lanewise(VectorOperators.LSHR, 23).and(0xff).sub(127);
    e = e.blend(e.sub(23), subnormal.cast(IntVector.SPECIES_PREFERRED));
    FloatVector m = bits.and(0x007fffff).or(0x3f800000).reinterpretAsFloats(); // [1, 2)
    var high = m.compare(VectorOperators.GT, 2 * SQRT_HALF);
    m = m.blend(m.mul(0.5f), high);
    e = e.blend(e.add(1), high.cast(IntVector.SPECIES_PREFERRED));
    FloatVector s = m.sub(1f).div(m.add(1f));
    FloatVector s2 = s.mul(s);
    FloatVector series = s2.fma(FloatVector.broadcast(F, 2f / 13), FloatVector.broadcast(F, 2f / 11));
    series = series.fma(s2, FloatVector.broadcast(F, 2f / 9));
    series = series.fma(s2, FloatVector.broadcast(F, 2f / 7));
    series = series.fma(s2, FloatVector.broadcast(F, 2f / 5));
    series = series.fma(s2, FloatVector.broadcast(F, 2f / 3));
    FloatVector lnM = s.mul(s2).fma(series, s.add(s)); // 2s + s^3 (2/3 + ...): the leading term added last
    FloatVector ef = (FloatVector) e.convert(VectorOperators.I2F, 0);
    FloatVector result = ef.fma(FloatVector.broadcast(F, LN2_HI), ef.fma(FloatVector.broadcast(F, LN2_LO), lnM));
    // Special values: ln(+inf) = inf, ln(NaN) = NaN, ln(0) = -inf, ln(x < 0) = NaN.
    result = result.blend(x, x.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY).or(x.test(VectorOperators.IS_NAN)));
    result = result.blend(Float.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0f));
    return result.blend(Float.NaN, x.compare(VectorOperators.LT, 0f));
  }

  /** The sum of the lanes in lane order, the same bits whether compiled or interpreted. */
  static float sumLanes(FloatVector v) {
    float sum = 0;
    for (int i = 0; i < v.length(); i++) {
      sum += v.lane(i);
    }
    return sum;
  }
}
