package dev.chainrule.autodiff.kernel;

import java.util.Random;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Test data for the kernel properties: sizes around the vector lengths, where loop bounds and scalar tails
 * meet, and arrays of values with occasional special ones (NaN, infinities, signed zeros, huge magnitudes).
 */
final class KernelArrays {
  static final int FLOAT_LANES = FloatVector.SPECIES_PREFERRED.length();
  static final int DOUBLE_LANES = DoubleVector.SPECIES_PREFERRED.length();
  private static final double[] SPECIALS = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0,
      -0.0, 1000, -1000, 100, -100, 1, -1};

  private KernelArrays() {}

  /** 0, 1, L - 1, L, L + 1 and 2L + 3 for both vector lengths, or any size up to 150. */
  static Arbitrary<Integer> sizes() {
    Integer[] edges = edgeSizes();
    return Arbitraries.oneOf(Arbitraries.of(edges), Arbitraries.integers().between(0, 150));
  }

  /** Small matrix sides: the edges, or anything up to 40. */
  static Arbitrary<Integer> sides() {
    return Arbitraries.oneOf(Arbitraries.of(edgeSizes()), Arbitraries.integers().between(0, 40));
  }

  private static Integer[] edgeSizes() {
    return new Integer[] {0, 1, FLOAT_LANES - 1, FLOAT_LANES, FLOAT_LANES + 1, 2 * FLOAT_LANES + 3,
        DOUBLE_LANES - 1, DOUBLE_LANES, DOUBLE_LANES + 1, 2 * DOUBLE_LANES + 3};
  }

  /** {@code n} values, normal with the given scale, and about one in twenty a special value if asked. */
  static double[] values(long seed, int n, double scale, boolean specials) {
    Random random = new Random(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = specials && random.nextInt(20) == 0 ? SPECIALS[random.nextInt(SPECIALS.length)]
          : random.nextGaussian() * scale;
    }
    return x;
  }

  static float[] toFloat(double[] x) {
    float[] f = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      f[i] = (float) x[i];
    }
    return f;
  }

  /** True when both are NaN, equal (infinities included), or within {@code abs + rel * |expected|}. */
  static boolean close(double expected, double actual, double rel, double abs) {
    if (Double.isNaN(expected) || Double.isNaN(actual)) {
      return Double.isNaN(expected) && Double.isNaN(actual);
    }
    return expected == actual || Math.abs(expected - actual) <= abs + rel * Math.abs(expected);
  }
}
