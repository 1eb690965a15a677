package dev.chainrule.autodiff.kernel;

import static dev.chainrule.autodiff.kernel.KernelArrays.toFloat;
import static dev.chainrule.autodiff.kernel.KernelArrays.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The run-based, batch-parallel im2col and col2im equal the plain loops of {@link ScalarKernels} exactly (they
 * copy, or add in the same order per element), in both layouts (per-image matrices and the whole batch side by
 * side), over random geometries: channels 1-3, kernels 1-4, strides 1-3, paddings 0-3 (top and left only, the
 * grid sized freely so bottom and right padding vary too), dilations 1-3, including grids that run past the
 * image. Scratch that held garbage is fully overwritten by im2col; col2im adds to what the image held. A batch
 * large enough to run on several threads is included.
 */
class Im2colProperties {
  private static final Kernels VECTOR = VectorKernels.INSTANCE;
  private static final Kernels SCALAR = ScalarKernels.INSTANCE;

  private record Case(Im2colGeometry g, int batch, boolean sideBySide) {
    int imageStride() {
      return sideBySide ? g.columns() : g.rows() * g.columns();
    }

    int ld() {
      return sideBySide ? batch * g.columns() : g.columns();
    }

    int colsLength() {
      return batch * g.rows() * g.columns();
    }
  }

  private static Case draw(long seed, int batch) {
    Random r = new Random(seed);
    Im2colGeometry g = new Im2colGeometry(1 + r.nextInt(3), 1 + r.nextInt(7), 1 + r.nextInt(7), 1 + r.nextInt(4),
        1 + r.nextInt(4), 1 + r.nextInt(3), 1 + r.nextInt(3), r.nextInt(4), r.nextInt(4), 1 + r.nextInt(3),
        1 + r.nextInt(3), 1 + r.nextInt(5), 1 + r.nextInt(5));
    return new Case(g, batch, r.nextBoolean());
  }

  @Property(tries = 200)
  void im2colMatchesScalar(@ForAll long seed) {
    check(draw(seed, 1 + (int) Math.floorMod(seed, 3L)), seed);
  }

  /** 600 images of up to 3 x 7 x 7: enough work to split over the threads. */
  @Property(tries = 10)
  void aLargeBatchMatchesScalar(@ForAll long seed) {
    check(draw(seed, 600), seed);
  }

  private static void check(Case c, long seed) {
    Im2colGeometry g = c.g();
    double[] x = values(seed, c.batch() * g.imageSize(), 1, true);
    double[] garbage = values(seed + 1, c.colsLength(), 1, false);
    double[] expected = garbage.clone();
    double[] actual = garbage.clone();
    SCALAR.im2col(g, c.batch(), x, expected, c.imageStride(), c.ld());
    VECTOR.im2col(g, c.batch(), x, actual, c.imageStride(), c.ld());
    assertArrayEquals(expected, actual, c.toString());
    float[] fx = toFloat(x);
    float[] fExpected = toFloat(garbage);
    float[] fActual = toFloat(garbage);
    SCALAR.im2col(g, c.batch(), fx, fExpected, c.imageStride(), c.ld());
    VECTOR.im2col(g, c.batch(), fx, fActual, c.imageStride(), c.ld());
    assertArrayEquals(fExpected, fActual, c.toString());

    double[] cols = values(seed + 2, c.colsLength(), 1, true);
    double[] image = values(seed + 3, c.batch() * g.imageSize(), 1, false);
    double[] imageExpected = image.clone();
    double[] imageActual = image.clone();
    SCALAR.col2im(g, c.batch(), cols, c.imageStride(), c.ld(), imageExpected);
    VECTOR.col2im(g, c.batch(), cols, c.imageStride(), c.ld(), imageActual);
    assertArrayEquals(imageExpected, imageActual, c.toString());
    float[] fImageExpected = toFloat(image);
    float[] fImageActual = toFloat(image);
    SCALAR.col2im(g, c.batch(), toFloat(cols), c.imageStride(), c.ld(), fImageExpected);
    VECTOR.col2im(g, c.batch(), toFloat(cols), c.imageStride(), c.ld(), fImageActual);
    assertArrayEquals(fImageExpected, fImageActual, c.toString());
  }

  /** A 3x3 window with padding 1 over a 2x2 image: the centre tap reads the image, the corners mostly padding. */
  @Example
  void aSmallCaseWorkedByHand() {
    Im2colGeometry g = new Im2colGeometry(1, 2, 2, 3, 3, 1, 1, 1, 1, 1, 1, 2, 2);
    float[] cols = new float[9 * 4];
    Arrays.fill(cols, 99);
    VECTOR.im2col(g, 1, new float[] {1, 2, 3, 4}, cols, 36, 4);
    // Row 4 is the centre tap (i = 1, j = 1): the image itself; row 0 (i = 0, j = 0) reads up-left: only
    // position (1, 1) sees pixel (0, 0).
    assertArrayEquals(new float[] {1, 2, 3, 4}, Arrays.copyOfRange(cols, 16, 20));
    assertArrayEquals(new float[] {0, 0, 0, 1}, Arrays.copyOfRange(cols, 0, 4));
    float[] image = new float[4];
    VECTOR.col2im(g, 1, cols, 36, 4, image);
    // Every pixel of a 2x2 image is covered by all four 3x3 windows: each is counted 4 times.
    assertArrayEquals(new float[] {4, 8, 12, 16}, image);
  }

  @Example
  void arraysTooSmallAreRefusedAtEntry() {
    Im2colGeometry g = new Im2colGeometry(2, 3, 3, 2, 2, 1, 1, 0, 0, 1, 1, 2, 2);
    assertThrows(IllegalArgumentException.class, () -> VECTOR.im2col(g, 1, new float[17], new float[32], 32, 4));
    assertThrows(IllegalArgumentException.class, () -> VECTOR.im2col(g, 1, new float[18], new float[31], 32, 4));
    assertThrows(IllegalArgumentException.class, () -> SCALAR.col2im(g, 2, new double[64], 32, 4, new double[35]));
  }
}
