package dev.chainrule.autodiff.kernel;

import static dev.chainrule.autodiff.kernel.KernelArrays.toFloat;
import static dev.chainrule.autodiff.kernel.KernelArrays.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The vector update kernels equal the scalar reference bit for bit (same operations in the same order, no fused
 * multiply-add), at sizes around both vector lengths, with special values (NaN, infinities, signed zeros) mixed
 * in. {@code assertArrayEquals} on floating-point arrays compares bit patterns of NaN-equal values, so NaN
 * matches NaN.
 */
class UpdateProperties {
  private static final Kernels VECTOR = VectorKernels.INSTANCE;
  private static final Kernels SCALAR = ScalarKernels.INSTANCE;

  @Provide
  Arbitrary<Integer> sizes() {
    return KernelArrays.sizes();
  }

  @Provide
  Arbitrary<Double> coefficients() {
    return Arbitraries.of(0.0, 1.0, -1.0, 0.9, 0.1, 0.999, -1e-3, 3.7, 1e-8);
  }

  @Property(tries = 60)
  void axpbyMatchesScalar(@ForAll("coefficients") double alpha, @ForAll("coefficients") double beta,
      @ForAll("sizes") int n, @ForAll long seed) {
    double[] x = values(seed, n, 3, true);
    double[] y = values(seed + 1, n, 3, true);
    double[] expected = y.clone();
    double[] actual = y.clone();
    SCALAR.axpby(alpha, x, beta, expected);
    VECTOR.axpby(alpha, x, beta, actual);
    assertArrayEquals(expected, actual);
    float[] fx = toFloat(x);
    float[] fExpected = toFloat(y);
    float[] fActual = toFloat(y);
    SCALAR.axpby(alpha, fx, beta, fExpected);
    VECTOR.axpby(alpha, fx, beta, fActual);
    assertArrayEquals(fExpected, fActual);
  }

  @Property(tries = 60)
  void addcmulAndAddcdivMatchScalar(@ForAll("coefficients") double beta, @ForAll("coefficients") double value,
      @ForAll("sizes") int n, @ForAll long seed) {
    double[] a = values(seed, n, 3, true);
    double[] b = values(seed + 1, n, 3, true);
    double[] y = values(seed + 2, n, 3, true);
    for (boolean divide : new boolean[] {false, true}) {
      double[] expected = y.clone();
      double[] actual = y.clone();
      float[] fExpected = toFloat(y);
      float[] fActual = toFloat(y);
      if (divide) {
        SCALAR.addcdiv(value, a, b, expected);
        VECTOR.addcdiv(value, a, b, actual);
        SCALAR.addcdiv(value, toFloat(a), toFloat(b), fExpected);
        VECTOR.addcdiv(value, toFloat(a), toFloat(b), fActual);
      } else {
        SCALAR.addcmul(beta, value, a, b, expected);
        VECTOR.addcmul(beta, value, a, b, actual);
        SCALAR.addcmul(beta, value, toFloat(a), toFloat(b), fExpected);
        VECTOR.addcmul(beta, value, toFloat(a), toFloat(b), fActual);
      }
      assertArrayEquals(expected, actual);
      assertArrayEquals(fExpected, fActual);
    }
  }

  @Property(tries = 60)
  void addcdivSqrtMatchesScalar(@ForAll("coefficients") double value, @ForAll("coefficients") double divisor,
      @ForAll("sizes") int n, @ForAll long seed) {
    double[] a = values(seed, n, 3, true);
    double[] b = values(seed + 1, n, 3, true); // negative entries give NaN on both sides
    double[] y = values(seed + 2, n, 3, true);
    double eps = 1e-8;
    double[] expected = y.clone();
    double[] actual = y.clone();
    SCALAR.addcdivSqrt(value, a, b, divisor, eps, expected);
    VECTOR.addcdivSqrt(value, a, b, divisor, eps, actual);
    assertArrayEquals(expected, actual);
    float[] fExpected = toFloat(y);
    float[] fActual = toFloat(y);
    SCALAR.addcdivSqrt(value, toFloat(a), toFloat(b), divisor, eps, fExpected);
    VECTOR.addcdivSqrt(value, toFloat(a), toFloat(b), divisor, eps, fActual);
    assertArrayEquals(fExpected, fActual);
  }

  @Property(tries = 30)
  void anOperandMayBeTheTargetItself(@ForAll("sizes") int n, @ForAll long seed) {
    double[] y = values(seed, n, 3, false);
    double[] expected = y.clone();
    double[] actual = y.clone();
    SCALAR.addcmul(0.9, 0.5, expected.clone(), expected.clone(), expected);
    VECTOR.addcmul(0.9, 0.5, actual, actual, actual);
    assertArrayEquals(expected, actual);
  }

  @Test
  void definitionIsTheFormula() {
    double[] y = {1, 2, 3};
    SCALAR.axpby(2, new double[] {1, 1, 1}, 0.5, y);
    assertArrayEquals(new double[] {2.5, 3, 3.5}, y);
    SCALAR.addcdivSqrt(-1, new double[] {4, 4, 4}, new double[] {16, 4, 0}, 2, 0, y);
    assertArrayEquals(new double[] {0.5, -1, Double.NEGATIVE_INFINITY}, y);
  }

  @Test
  void operandsOfAnotherLengthAreRejected() {
    for (Kernels k : new Kernels[] {SCALAR, VECTOR}) {
      assertThrows(IllegalArgumentException.class, () -> k.axpby(1, new float[2], 1, new float[3]));
      assertThrows(IllegalArgumentException.class, () -> k.addcmul(1, 1, new double[3], new double[2], new double[3]));
      assertThrows(IllegalArgumentException.class,
          () -> k.addcdivSqrt(1, new float[3], new float[3], 1, 0, new float[4]));
    }
  }
}
