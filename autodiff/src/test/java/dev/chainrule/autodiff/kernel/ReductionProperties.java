package dev.chainrule.autodiff.kernel;

import static dev.chainrule.autodiff.kernel.KernelArrays.close;
import static dev.chainrule.autodiff.kernel.KernelArrays.toFloat;
import static dev.chainrule.autodiff.kernel.KernelArrays.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Vector reductions, arg-reductions and log-softmax over {@code [outer, r, inner]} equal the scalar reference.
 * MAX, MIN and arg-reductions are exact (no rounding happens). A sum of {@code r} terms in another order differs
 * by at most about {@code r * eps * sum |x|}; the float kernel also sums in float where the reference uses
 * double. Log-softmax adds one exp and one log per element: a few eps relative to {@code |x| + |result|}, plus
 * {@code r * eps} from the sum.
 */
class ReductionProperties {
  private static final Kernels VECTOR = VectorKernels.INSTANCE;
  private static final Kernels SCALAR = ScalarKernels.INSTANCE;

  @Provide
  Arbitrary<Integer> sizes() {
    return KernelArrays.sizes();
  }

  @Provide
  Arbitrary<Integer> inners() {
    return Arbitraries.oneOf(Arbitraries.just(1), KernelArrays.sides());
  }

  @Property(tries = 50)
  void reduceFloatMatchesScalar(@ForAll ReduceOp op, @ForAll @IntRange(max = 3) int outer, @ForAll("sizes") int r,
      @ForAll("inners") int inner, @ForAll long seed) {
    float[] x = toFloat(values(seed, outer * r * inner, 4, op != ReduceOp.SUM));
    float[] expected = new float[outer * inner];
    float[] actual = new float[outer * inner];
    SCALAR.reduce(op, x, outer, r, inner, expected);
    VECTOR.reduce(op, x, outer, r, inner, actual);
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        double magnitude = 0;
        for (int j = 0; j < r; j++) {
          magnitude += Math.abs(x[(o * r + j) * inner + i]);
        }
        double tolerance = op == ReduceOp.SUM ? (r + 1) * 1.2e-7 * magnitude : 0;
        int at = o * inner + i;
        assertTrue(close(expected[at], actual[at], 0, tolerance),
            () -> op + " at " + at + ": expected " + expected[at] + " got " + actual[at]);
      }
    }
  }

  @Property(tries = 50)
  void reduceDoubleMatchesScalar(@ForAll ReduceOp op, @ForAll @IntRange(max = 3) int outer,
      @ForAll("sizes") int r, @ForAll("inners") int inner, @ForAll long seed) {
    double[] x = values(seed, outer * r * inner, 4, op != ReduceOp.SUM);
    double[] expected = new double[outer * inner];
    double[] actual = new double[outer * inner];
    SCALAR.reduce(op, x, outer, r, inner, expected);
    VECTOR.reduce(op, x, outer, r, inner, actual);
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        double magnitude = 0;
        for (int j = 0; j < r; j++) {
          magnitude += Math.abs(x[(o * r + j) * inner + i]);
        }
        double tolerance = op == ReduceOp.SUM ? (r + 1) * 2.3e-16 * magnitude : 0;
        int at = o * inner + i;
        assertTrue(close(expected[at], actual[at], 0, tolerance),
            () -> op + " at " + at + ": expected " + expected[at] + " got " + actual[at]);
      }
    }
  }

  @Property(tries = 50)
  void argReduceMatchesScalar(@ForAll boolean max, @ForAll @IntRange(max = 3) int outer,
      @ForAll @IntRange(min = 1, max = 40) int r, @ForAll("inners") int inner, @ForAll long seed) {
    ReduceOp op = max ? ReduceOp.MAX : ReduceOp.MIN;
    double[] x = values(seed, outer * r * inner, 4, true);
    float[] xf = toFloat(x);
    int[] expected = new int[outer * inner];
    int[] actual = new int[outer * inner];
    SCALAR.argReduce(op, x, outer, r, inner, expected);
    VECTOR.argReduce(op, x, outer, r, inner, actual);
    assertArrayEquals(expected, actual, "double");
    SCALAR.argReduce(op, xf, outer, r, inner, expected);
    VECTOR.argReduce(op, xf, outer, r, inner, actual);
    assertArrayEquals(expected, actual, "float");
  }

  @Property(tries = 50)
  void logSoftmaxMatchesScalar(@ForAll @IntRange(max = 3) int outer, @ForAll("sizes") int r,
      @ForAll("inners") int inner, @ForAll boolean specials, @ForAll boolean shifted, @ForAll long seed) {
    double[] x = values(seed, outer * r * inner, 5, specials);
    if (shifted) {
      // Far from zero, where rounding max + ln(sum) before subtracting would lose the result's precision.
      for (int i = 0; i < x.length; i++) {
        x[i] += 1000;
      }
    }
    float[] xf = toFloat(x);
    double[] expected = new double[x.length];
    double[] actual = new double[x.length];
    SCALAR.logSoftmax(x, outer, r, inner, expected);
    VECTOR.logSoftmax(x, outer, r, inner, actual);
    float[] expectedF = new float[x.length];
    float[] actualF = new float[x.length];
    SCALAR.logSoftmax(xf, outer, r, inner, expectedF);
    VECTOR.logSoftmax(xf, outer, r, inner, actualF);
    for (int i = 0; i < x.length; i++) {
      int at = i;
      // The result is (x - max) - ln(sum): its error scales with its own size, not with the size of x.
      double tolD = 1e-14 * (1 + Math.abs(expected[i])) + r * 2.3e-16;
      assertTrue(close(expected[i], actual[i], 0, tolD),
          () -> "double at " + at + ": expected " + expected[at] + " got " + actual[at]);
      double tolF = 4e-6 * (1 + Math.abs(expectedF[i])) + r * 1.2e-7;
      assertTrue(close(expectedF[i], actualF[i], 0, tolF),
          () -> "float at " + at + ": expected " + expectedF[at] + " got " + actualF[at]);
    }
  }
}
