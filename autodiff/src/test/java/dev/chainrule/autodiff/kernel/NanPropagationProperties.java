package dev.chainrule.autodiff.kernel;

import static dev.chainrule.autodiff.kernel.KernelArrays.toFloat;
import static dev.chainrule.autodiff.kernel.KernelArrays.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * A NaN anywhere in a kernel's input gives NaN in every output element that depends on it, in the vector and
 * the scalar kernels, in float and in double, at the sizes where vector loops and scalar tails meet
 * ({@link KernelArrays#sizes()}). The other inputs are ordinary numbers with zeros among them, so that a kernel
 * selecting rather than computing ({@code x > 0 ? x : 0}, {@code g} masked by {@code x > 0}) is caught.
 *
 * <p>Exceptions, as in IEEE 754 and PyTorch: the comparisons are predicates, 0 or 1 (NaN compares false, and
 * unequal), and {@code x^0 = 1} for every {@code x}.
 */
class NanPropagationProperties {
  private static final Kernels VECTOR = VectorKernels.INSTANCE;
  private static final Kernels SCALAR = ScalarKernels.INSTANCE;

  @Provide
  Arbitrary<Integer> sizes() {
    return KernelArrays.sizes().filter(n -> n > 0);
  }

  @Provide
  Arbitrary<Integer> inners() {
    return Arbitraries.oneOf(Arbitraries.just(1), KernelArrays.sides().filter(n -> n > 0));
  }

  @Provide
  Arbitrary<Double> params() {
    return Arbitraries.of(0.01, 0.2, 0.5, 2.0, 3.0, -1.0, 1.5);
  }

  @Provide
  Arbitrary<BinaryOp> arithmetic() {
    return Arbitraries.of(BinaryOp.class).filter(op -> !isComparison(op));
  }

  @Property(tries = 80)
  void unaryNanInGivesNanOut(@ForAll UnaryOp op, @ForAll("params") double p, @ForAll("sizes") int n,
      @ForAll("positions") int position, @ForAll boolean vector, @ForAll long seed) {
    Kernels kernels = vector ? VECTOR : SCALAR;
    int at = position % n;
    double[] x = withZeros(values(seed, n, 4, false), seed);
    x[at] = Double.NaN;
    double[] out = new double[n];
    kernels.unary(op, p, x, 0, out, 0, n);
    assertTrue(Double.isNaN(out[at]), () -> kernels.name() + " double " + op + "(NaN) = " + out[at]);
    float[] xf = toFloat(x);
    float[] outF = new float[n];
    kernels.unary(op, p, xf, 0, outF, 0, n);
    assertTrue(Float.isNaN(outF[at]), () -> kernels.name() + " float " + op + "(NaN) = " + outF[at]);
  }

  @Property(tries = 120)
  void binaryNanInGivesNanOut(@ForAll("arithmetic") BinaryOp op, @ForAll boolean nanInA, @ForAll boolean aScalar,
      @ForAll boolean bScalar, @ForAll("sizes") int n, @ForAll("positions") int position, @ForAll boolean vector,
      @ForAll long seed) {
    Kernels kernels = vector ? VECTOR : SCALAR;
    double[] a = withZeros(values(seed, n, 4, false), seed);
    double[] b = withZeros(values(seed + 1, n, 4, false), seed + 1);
    if (op == BinaryOp.POW) {
      replaceZeros(b); // x^0 = 1 for every x, NaN included
    }
    int at = position % n;
    boolean nanScalar = nanInA ? aScalar : bScalar;
    (nanInA ? a : b)[nanScalar ? 0 : at] = Double.NaN;
    double[] out = new double[n];
    kernels.binary(op, a, 0, aScalar, b, 0, bScalar, out, 0, n);
    float[] outF = new float[n];
    kernels.binary(op, toFloat(a), 0, aScalar, toFloat(b), 0, bScalar, outF, 0, n);
    for (int i = 0; i < n; i++) {
      if (nanScalar || i == at) {
        int e = i;
        assertTrue(Double.isNaN(out[i]), () -> kernels.name() + " double " + op + " at " + e + ": " + out[e]);
        assertTrue(Float.isNaN(outF[i]), () -> kernels.name() + " float " + op + " at " + e + ": " + outF[e]);
      }
    }
  }

  /** The comparisons stay predicates: NaN compares false with everything, and unequal. */
  @Property(tries = 40)
  void comparisonsWithNanFollowIeee(@ForAll BinaryOp op, @ForAll("sizes") int n, @ForAll boolean vector,
      @ForAll long seed) {
    if (!isComparison(op)) {
      return;
    }
    Kernels kernels = vector ? VECTOR : SCALAR;
    double[] a = values(seed, n, 4, false);
    double[] nan = {Double.NaN};
    double[] out = new double[n];
    kernels.binary(op, a, 0, false, nan, 0, true, out, 0, n);
    for (int i = 0; i < n; i++) {
      assertEquals(op == BinaryOp.NE ? 1.0 : 0.0, out[i], kernels.name() + " " + op + " with NaN at " + i);
    }
  }

  @Property(tries = 80)
  void reductionOfARowWithNanIsNan(@ForAll ReduceOp op, @ForAll @IntRange(min = 1, max = 3) int outer,
      @ForAll("sizes") int r, @ForAll("inners") int inner, @ForAll("positions") int position,
      @ForAll boolean vector, @ForAll long seed) {
    Kernels kernels = vector ? VECTOR : SCALAR;
    double[] x = withZeros(values(seed, outer * r * inner, 4, false), seed);
    int at = position % x.length;
    x[at] = Double.NaN;
    int hit = (at / (r * inner)) * inner + at % inner; // the output element of the NaN's row
    double[] out = new double[outer * inner];
    kernels.reduce(op, x, outer, r, inner, out);
    float[] outF = new float[outer * inner];
    kernels.reduce(op, toFloat(x), outer, r, inner, outF);
    for (int e = 0; e < out.length; e++) {
      int o = e;
      assertEquals(e == hit, Double.isNaN(out[e]), () -> kernels.name() + " double " + op + " at " + o);
      assertEquals(e == hit, Float.isNaN(outF[e]), () -> kernels.name() + " float " + op + " at " + o);
    }
  }

  /** A NaN wins the arg-reduction, as in NumPy and PyTorch: its index, whatever the other values are. */
  @Property(tries = 60)
  void argReductionPointsAtTheNan(@ForAll boolean max, @ForAll @IntRange(min = 1, max = 3) int outer,
      @ForAll("sizes") int r, @ForAll("inners") int inner, @ForAll("positions") int position,
      @ForAll boolean vector, @ForAll long seed) {
    Kernels kernels = vector ? VECTOR : SCALAR;
    ReduceOp op = max ? ReduceOp.MAX : ReduceOp.MIN;
    double[] x = withZeros(values(seed, outer * r * inner, 4, false), seed);
    int at = position % x.length;
    x[at] = Double.NaN;
    int hit = (at / (r * inner)) * inner + at % inner;
    int[] index = new int[outer * inner];
    kernels.argReduce(op, x, outer, r, inner, index);
    assertEquals(at / inner % r, index[hit], kernels.name() + " double arg" + op);
    kernels.argReduce(op, toFloat(x), outer, r, inner, index);
    assertEquals(at / inner % r, index[hit], kernels.name() + " float arg" + op);
  }

  @Property(tries = 60)
  void logSoftmaxOfARowWithNanIsNan(@ForAll @IntRange(min = 1, max = 3) int outer, @ForAll("sizes") int r,
      @ForAll("inners") int inner, @ForAll("positions") int position, @ForAll boolean vector,
      @ForAll long seed) {
    Kernels kernels = vector ? VECTOR : SCALAR;
    double[] x = withZeros(values(seed, outer * r * inner, 4, false), seed);
    int at = position % x.length;
    x[at] = Double.NaN;
    double[] out = new double[x.length];
    kernels.logSoftmax(x, outer, r, inner, out);
    float[] outF = new float[x.length];
    kernels.logSoftmax(toFloat(x), outer, r, inner, outF);
    for (int e = 0; e < x.length; e++) {
      boolean sameRow = e / (r * inner) == at / (r * inner) && e % inner == at % inner;
      int o = e;
      assertEquals(sameRow, Double.isNaN(out[e]), () -> kernels.name() + " double logSoftmax at " + o);
      assertEquals(sameRow, Float.isNaN(outF[e]), () -> kernels.name() + " float logSoftmax at " + o);
    }
  }

  /** A NaN in {@code A[i, p]} makes row {@code i} of {@code C} NaN, one in {@code B[p, j]} column {@code j}. */
  @Property(tries = 60)
  void gemmSpreadsNanAlongItsRowOrColumn(@ForAll("sizes") int m, @ForAll("sizes") int n, @ForAll("sizes") int k,
      @ForAll boolean transA, @ForAll boolean transB, @ForAll boolean nanInA, @ForAll("positions") int position,
      @ForAll boolean vector, @ForAll long seed) {
    Kernels kernels = vector ? VECTOR : SCALAR;
    double[] a = withZeros(values(seed, m * k, 2, false), seed);
    double[] b = withZeros(values(seed + 1, k * n, 2, false), seed + 1);
    int row = position % m;
    int col = position % n;
    int p = position % k;
    if (nanInA) {
      a[transA ? p * m + row : row * k + p] = Double.NaN;
    } else {
      b[transB ? col * k + p : p * n + col] = Double.NaN;
    }
    double[] c = new double[m * n];
    kernels.gemm(m, n, k, a, 0, transA, b, 0, transB, c, 0);
    float[] cf = new float[m * n];
    kernels.gemm(m, n, k, toFloat(a), 0, transA, toFloat(b), 0, transB, cf, 0);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        boolean depends = nanInA ? i == row : j == col;
        int e = i * n + j;
        assertEquals(depends, Double.isNaN(c[e]), () -> kernels.name() + " double gemm at " + e);
        assertEquals(depends, Float.isNaN(cf[e]), () -> kernels.name() + " float gemm at " + e);
      }
    }
  }

  @Provide
  Arbitrary<Integer> positions() {
    return Arbitraries.integers().between(0, 1 << 20);
  }

  private static boolean isComparison(BinaryOp op) {
    return switch (op) {
      case GT, GE, LT, LE, EQ, NE -> true;
      default -> false;
    };
  }

  /** {@code x} with about one element in four set to 0 (or -0). */
  private static double[] withZeros(double[] x, long seed) {
    java.util.Random random = new java.util.Random(seed ^ 0x5DEECE66DL);
    for (int i = 0; i < x.length; i++) {
      int pick = random.nextInt(8);
      if (pick == 0) {
        x[i] = 0.0;
      } else if (pick == 1) {
        x[i] = -0.0;
      }
    }
    return x;
  }

  private static void replaceZeros(double[] x) {
    for (int i = 0; i < x.length; i++) {
      if (x[i] == 0) {
        x[i] = 0.5;
      }
    }
  }
}
