package dev.chainrule.autodiff.kernel;

import static dev.chainrule.autodiff.kernel.KernelArrays.toFloat;
import static dev.chainrule.autodiff.kernel.KernelArrays.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Vector GEMM equals the scalar reference for every combination of transposes, odd shapes and offsets.
 * Each element is a dot product of length {@code k} summed in another order (and in float where the reference
 * accumulates in double), so it may differ by about {@code k * eps * sum_p |a_ip| |b_pj|}.
 */
class GemmProperties {
  private static final Kernels VECTOR = VectorKernels.INSTANCE;
  private static final Kernels SCALAR = ScalarKernels.INSTANCE;

  @Provide
  Arbitrary<Integer> sides() {
    return KernelArrays.sides();
  }

  @Property(tries = 50)
  void floatMatchesScalar(@ForAll("sides") int m, @ForAll("sides") int n, @ForAll("sides") int k,
      @ForAll boolean transA, @ForAll boolean transB, @ForAll long seed) {
    checkFloat(m, n, k, transA, transB, seed);
  }

  @Property(tries = 50)
  void doubleMatchesScalar(@ForAll("sides") int m, @ForAll("sides") int n, @ForAll("sides") int k,
      @ForAll boolean transA, @ForAll boolean transB, @ForAll long seed) {
    checkDouble(m, n, k, transA, transB, seed);
  }

  /** A single row or column of C takes the matrix-vector path; the other two sides run past a vector's length. */
  @Property(tries = 60)
  void matrixVectorProductsMatchScalar(@ForAll @IntRange(min = 1, max = 300) int length,
      @ForAll @IntRange(min = 1, max = 300) int k, @ForAll boolean singleRow, @ForAll boolean transA,
      @ForAll boolean transB, @ForAll long seed) {
    int m = singleRow ? 1 : length;
    int n = singleRow ? length : 1;
    checkFloat(m, n, k, transA, transB, seed);
    checkDouble(m, n, k, transA, transB, seed);
  }

  /**
   * A handful of outputs over a long depth (a narrow convolution's weight gradient, {@code A B^T}) takes the
   * chunked dot-product path when both operands run along the depth; the other transposes take the blocked one.
   */
  @Property(tries = 30)
  void fewOutputsOverALongDepthMatchScalar(@ForAll @IntRange(min = 2, max = 16) int m,
      @ForAll @IntRange(min = 2, max = 16) int n, @ForAll @IntRange(min = 2048, max = 20_000) int k,
      @ForAll boolean transA, @ForAll boolean transB, @ForAll long seed) {
    checkFloat(m, n, k, transA, transB, seed);
  }

  /** The dot-product path sums its chunks in order whatever the number of threads. */
  @Example
  void fewOutputsGiveTheSameBitsOnOneAndTwoThreads() {
    int saved = Parallelism.threads();
    try {
      int m = 16;
      int n = 9;
      int k = 50_176;
      float[] a = toFloat(values(7, m * k, 1, false));
      float[] b = toFloat(values(8, k * n, 1, false));
      float[] one = new float[m * n];
      float[] two = new float[m * n];
      Parallelism.setThreads(1);
      VECTOR.gemm(m, n, k, a, 0, false, b, 0, true, one, 0);
      Parallelism.setThreads(2);
      VECTOR.gemm(m, n, k, a, 0, false, b, 0, true, two, 0);
      assertArrayEquals(one, two);
    } finally {
      Parallelism.setThreads(saved);
    }
  }

  /** Shapes that cross every cache block (KC = 256 deep, MC = 120 rows) and a column block edge. */
  @Example
  void blockEdges() {
    for (boolean transA : new boolean[] {false, true}) {
      for (boolean transB : new boolean[] {false, true}) {
        checkFloat(127, 37, 301, transA, transB, 1);
        checkDouble(127, 37, 301, transA, transB, 2);
      }
    }
    checkFloat(7, 2100, 3, false, true, 3);
    checkDouble(7, 2100, 3, true, false, 4);
  }

  /** The split among threads changes which thread computes a tile, never the order of its sums. */
  @Example
  void twoThreadsEqualOne() {
    int saved = Parallelism.threads();
    try {
      for (int[] shape : new int[][] {{300, 280, 260}, {200, 333, 270}}) {
        int m = shape[0];
        int n = shape[1];
        int k = shape[2];
        float[] a = toFloat(values(5, m * k, 1, false));
        float[] b = toFloat(values(6, k * n, 1, false));
        float[] one = new float[m * n];
        float[] two = new float[m * n];
        Parallelism.setThreads(1);
        VECTOR.gemm(m, n, k, a, 0, false, b, 0, true, one, 0);
        Parallelism.setThreads(2);
        VECTOR.gemm(m, n, k, a, 0, false, b, 0, true, two, 0);
        assertArrayEquals(one, two, "float " + Arrays.toString(shape));
        double[] ad = values(7, m * k, 1, false);
        double[] bd = values(8, k * n, 1, false);
        double[] oneD = new double[m * n];
        double[] twoD = new double[m * n];
        Parallelism.setThreads(1);
        VECTOR.gemm(m, n, k, ad, 0, true, bd, 0, false, oneD, 0);
        Parallelism.setThreads(2);
        VECTOR.gemm(m, n, k, ad, 0, true, bd, 0, false, twoD, 0);
        assertArrayEquals(oneD, twoD, "double " + Arrays.toString(shape));
      }
    } finally {
      Parallelism.setThreads(saved);
    }
  }

  private static void checkFloat(int m, int n, int k, boolean transA, boolean transB, long seed) {
    float[] a = toFloat(values(seed, m * k + 1, 1, false));
    float[] b = toFloat(values(seed + 1, k * n + 2, 1, false));
    float[] expected = new float[m * n + 3];
    float[] actual = new float[m * n + 3];
    Arrays.fill(actual, Float.NaN); // C is overwritten, never read
    Arrays.fill(expected, 3, expected.length, Float.NaN);
    SCALAR.gemm(m, n, k, a, 1, transA, b, 2, transB, expected, 3);
    VECTOR.gemm(m, n, k, a, 1, transA, b, 2, transB, actual, 3);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double magnitude = 0;
        for (int p = 0; p < k; p++) {
          magnitude += Math.abs(a[1 + (transA ? p * m + i : i * k + p)] * b[2 + (transB ? j * k + p : p * n + j)]);
        }
        int at = 3 + i * n + j;
        double tolerance = (k + 2) * 1.2e-7 * magnitude;
        assertTrue(Math.abs(expected[at] - actual[at]) <= tolerance,
            () -> shape(m, n, k, transA, transB) + " at " + at + ": expected " + expected[at] + " got " + actual[at]);
      }
    }
  }

  private static void checkDouble(int m, int n, int k, boolean transA, boolean transB, long seed) {
    double[] a = values(seed, m * k + 1, 1, false);
    double[] b = values(seed + 1, k * n, 1, false);
    double[] expected = new double[m * n];
    double[] actual = new double[m * n];
    Arrays.fill(actual, Double.NaN);
    SCALAR.gemm(m, n, k, a, 1, transA, b, 0, transB, expected, 0);
    VECTOR.gemm(m, n, k, a, 1, transA, b, 0, transB, actual, 0);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double magnitude = 0;
        for (int p = 0; p < k; p++) {
          magnitude += Math.abs(a[1 + (transA ? p * m + i : i * k + p)] * b[transB ? j * k + p : p * n + j]);
        }
        int at = i * n + j;
        double tolerance = (k + 2) * 2.3e-16 * magnitude;
        assertTrue(Math.abs(expected[at] - actual[at]) <= tolerance,
            () -> shape(m, n, k, transA, transB) + " at " + at + ": expected " + expected[at] + " got " + actual[at]);
      }
    }
  }

  private static String shape(int m, int n, int k, boolean transA, boolean transB) {
    return "m " + m + ", n " + n + ", k " + k + (transA ? ", A^T" : "") + (transB ? ", B^T" : "");
  }
}
