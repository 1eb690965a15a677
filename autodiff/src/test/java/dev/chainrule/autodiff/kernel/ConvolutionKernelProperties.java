package dev.chainrule.autodiff.kernel;

import static dev.chainrule.autodiff.kernel.KernelArrays.close;
import static dev.chainrule.autodiff.kernel.KernelArrays.toFloat;
import static dev.chainrule.autodiff.kernel.KernelArrays.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The image-by-image convolution kernels of {@link VectorKernels} ({@link BatchedConvolution}) against the
 * seven-loop definitions of {@link ScalarKernels}, in both precisions, over random geometries (channels and
 * filters per group 1-3, groups 1-2, kernels 1-4, strides 1-3, paddings 0-3, dilations 1-3, grids that run past
 * the image), a quarter of them 1x1 windows that skip im2col, with and without bias, and output arrays full of
 * garbage beforehand (every kernel overwrites). A batch large enough for several threads is included, and the
 * weight gradient is the same bit for bit on one thread and two.
 */
class ConvolutionKernelProperties {
  private static final Kernels VECTOR = VectorKernels.INSTANCE;
  private static final Kernels SCALAR = ScalarKernels.INSTANCE;

  private record Case(Im2colGeometry g, int batch, int groups, int filters, boolean bias) {
    int imageLength() {
      return batch * g.imageSize();
    }

    int gridLength() {
      return batch * filters * g.columns();
    }

    int weightLength() {
      return filters * g.rows() / groups;
    }

    /** Products summed into one output of the forward, transposed and weight-gradient kernels. */
    int[] terms() {
      return new int[] {g.rows() / groups + 1, g.rows() * filters + 1, batch * g.columns()};
    }
  }

  private static Case draw(long seed, int batch) {
    Random r = new Random(seed);
    int groups = 1 + r.nextInt(2);
    int channels = groups * (1 + r.nextInt(3));
    int filters = groups * (1 + r.nextInt(3));
    int h = 1 + r.nextInt(7);
    int w = 1 + r.nextInt(7);
    Im2colGeometry g = r.nextInt(4) == 0 ? new Im2colGeometry(channels, h, w, 1, 1, 1, 1, 0, 0, 1, 1, h, w)
        : new Im2colGeometry(channels, h, w, 1 + r.nextInt(4), 1 + r.nextInt(4), 1 + r.nextInt(3),
            1 + r.nextInt(3), r.nextInt(4), r.nextInt(4), 1 + r.nextInt(3), 1 + r.nextInt(3), 1 + r.nextInt(5),
            1 + r.nextInt(5));
    return new Case(g, batch, groups, filters, r.nextBoolean());
  }

  @Property(tries = 200)
  void theKernelsMatchTheirDefinitions(@ForAll long seed) {
    check(draw(seed, 1 + (int) Math.floorMod(seed, 3L)), seed);
  }

  /** 300 images: enough work to split over the threads. */
  @Property(tries = 10)
  void aLargeBatchMatchesTheDefinitions(@ForAll long seed) {
    check(draw(seed, 300), seed);
  }

  /**
   * A grid of 17 x 17 positions with few filters and taps: each image's weight gradient is dot products over the
   * positions ({@link FloatDots}) rather than a packed GEMM.
   */
  @Example
  void aWideGridWithFewOutputsMatchesTheDefinitions() {
    Im2colGeometry g = new Im2colGeometry(2, 17, 17, 3, 3, 1, 1, 1, 1, 1, 1, 17, 17);
    check(new Case(g, 5, 1, 3, true), 11);
    check(new Case(g, 5, 2, 4, false), 12);
  }

  private static void check(Case c, long seed) {
    Im2colGeometry g = c.g();
    double[] x = values(seed, c.imageLength(), 1, false);
    double[] w = values(seed + 1, c.weightLength(), 1, false);
    double[] gy = values(seed + 2, c.gridLength(), 1, false);
    double[] bias = c.bias() ? values(seed + 3, Math.max(c.filters(), g.channels()), 1, false) : null;
    int[] terms = c.terms();

    double[] y = run(c, seed, c.gridLength(), (k, out) -> k.convolve(g, c.batch(), c.groups(), c.filters(), x, w,
        bias, out));
    compare(c, y, c.gridLength(), seed, terms[0], (k, out) -> k.convolve(g, c.batch(), c.groups(), c.filters(),
        toFloat(x), toFloat(w), bias == null ? null : toFloat(bias), out));

    double[] dx = run(c, seed, c.imageLength(), (k, out) -> k.convolveTransposed(g, c.batch(), c.groups(),
        c.filters(), gy, w, bias, out));
    compare(c, dx, c.imageLength(), seed, terms[1], (k, out) -> k.convolveTransposed(g, c.batch(), c.groups(),
        c.filters(), toFloat(gy), toFloat(w), bias == null ? null : toFloat(bias), out));

    double[] dw = run(c, seed, c.weightLength(), (k, out) -> k.convolveWeightGrad(g, c.batch(), c.groups(),
        c.filters(), x, gy, out));
    compare(c, dw, c.weightLength(), seed, terms[2], (k, out) -> k.convolveWeightGrad(g, c.batch(), c.groups(),
        c.filters(), toFloat(x), toFloat(gy), out));
  }

  private interface DoubleCall {
    void run(Kernels k, double[] out);
  }

  private interface FloatCall {
    void run(Kernels k, float[] out);
  }

  /** Both kernels into garbage-filled arrays; asserts they agree in double precision and returns the reference. */
  private static double[] run(Case c, long seed, int n, DoubleCall call) {
    double[] expected = values(seed + 7, n, 1e3, true);
    double[] actual = expected.clone();
    call.run(SCALAR, expected);
    call.run(VECTOR, actual);
    for (int i = 0; i < n; i++) {
      int at = i;
      assertTrue(close(expected[i], actual[i], 1e-12, 1e-12 * c.terms()[2]),
          () -> c + " at " + at + ": " + expected[at] + " vs " + actual[at]);
    }
    return expected;
  }

  /** The float kernels, into garbage, agree with the double reference within float rounding of {@code terms}. */
  private static void compare(Case c, double[] reference, int n, long seed, int terms, FloatCall call) {
    float[] expected = toFloat(values(seed + 8, n, 1e3, true));
    float[] actual = expected.clone();
    call.run(SCALAR, expected);
    call.run(VECTOR, actual);
    for (int i = 0; i < n; i++) {
      int at = i;
      assertTrue(close(expected[i], actual[i], 1e-4, 2e-6 * terms),
          () -> c + " at " + at + ": " + expected[at] + " vs " + actual[at]);
      assertTrue(close(reference[i], actual[i], 1e-4, 2e-6 * terms), () -> c + " at " + at + " against double");
    }
  }

  @Example
  void theWeightGradientDoesNotDependOnTheThreadCount() {
    Im2colGeometry g = new Im2colGeometry(4, 9, 9, 3, 3, 1, 1, 1, 1, 1, 1, 9, 9);
    int batch = 200;
    float[] x = toFloat(values(1, batch * g.imageSize(), 1, false));
    float[] gy = toFloat(values(2, batch * 6 * g.columns(), 1, false));
    float[] one = new float[6 * 36];
    float[] two = new float[6 * 36];
    int saved = Parallelism.threads();
    try {
      Parallelism.setThreads(1);
      VECTOR.convolveWeightGrad(g, batch, 1, 6, x, gy, one);
      Parallelism.setThreads(2);
      VECTOR.convolveWeightGrad(g, batch, 1, 6, x, gy, two);
    } finally {
      Parallelism.setThreads(saved);
    }
    assertArrayEquals(one, two);
  }

  @Example
  void aNanInAnImageReachesEveryOutputThatReadsIt() {
    Im2colGeometry g = new Im2colGeometry(1, 3, 3, 3, 3, 1, 1, 1, 1, 1, 1, 3, 3);
    float[] x = new float[9];
    x[4] = Float.NaN; // the centre pixel: every 3x3 window with padding 1 covers it
    float[] y = new float[9];
    VECTOR.convolve(g, 1, 1, 1, x, new float[9], null, y);
    for (float v : y) {
      assertTrue(Float.isNaN(v));
    }
  }

  @Example
  void theColumnBufferIsPerThreadScratchReusedAcrossCalls() throws InterruptedException {
    Im2colGeometry g = new Im2colGeometry(3, 8, 8, 3, 3, 1, 1, 1, 1, 1, 1, 8, 8);
    float[] x = new float[4 * g.imageSize()];
    float[] y = new float[4 * 5 * 64];
    VECTOR.convolve(g, 4, 1, 5, x, new float[5 * 27], null, y);
    float[] columns = BatchedConvolution.FLOATS.columns(0);
    assertTrue(columns.length >= 27 * 64, "one image's column matrix (27 x 64) was built there");
    VECTOR.convolve(g, 4, 1, 5, x, new float[5 * 27], null, y);
    assertSame(columns, BatchedConvolution.FLOATS.columns(0));
    float[][] theirs = new float[1][];
    Thread t = new Thread(() -> theirs[0] = BatchedConvolution.FLOATS.columns(0));
    t.start();
    t.join();
    assertNotSame(columns, theirs[0]);
  }

  @Example
  void arraysTooSmallAreRefusedWithTheKernelsName() {
    Im2colGeometry g = new Im2colGeometry(2, 3, 3, 2, 2, 1, 1, 0, 0, 1, 1, 2, 2);
    var e = assertThrows(IllegalArgumentException.class,
        () -> VECTOR.convolve(g, 1, 1, 3, new float[17], new float[24], null, new float[12]));
    assertEquals("convolve: 1 images of 2 x 3 x 3 need 18 elements, the array has 17", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> VECTOR.convolve(g, 1, 1, 3, new float[18], new float[23], null, new float[12]));
    assertThrows(IllegalArgumentException.class,
        () -> VECTOR.convolveTransposed(g, 1, 1, 3, new float[11], new float[24], null, new float[18]));
    assertThrows(IllegalArgumentException.class,
        () -> VECTOR.convolveWeightGrad(g, 1, 2, 3, new float[18], new float[12], new float[12]));
    assertThrows(IllegalArgumentException.class,
        () -> VECTOR.convolve(g, 1, 1, 3, new float[18], new float[24], new float[2], new float[12]));
  }
}
