package dev.chainrule.autodiff.ops.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.testing.Generators;
import dev.chainrule.autodiff.testing.GradientProperty;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Max and average pooling over random shapes and options ({@link PoolCase}): gradients and second order against
 * finite differences, forward against {@link NaivePooling}, in both types.
 */
class PoolProperties {

  @Property(tries = 60)
  @GradientProperty({WindowMax.class, ScatterAt.class, TakeAt.class})
  void maxPool2dGradientsMatchFiniteDifferences(@ForAll long seed) {
    PoolCase c = PoolCase.draw(seed, true, false).withoutEmptyWindows();
    // Distinct values: no window has a tie within a finite-difference step.
    Tensor x = Generators.distinct(c.shape(), seed, 0.1).requiresGrad();
    GradCheck.gradGrad(in -> Pool.maxPool2d(in[0], c.options()), x);
    Tensor g = Generators.uniform(Pool.maxPool2d(x, c.options()).shape(), seed + 1, -1, 1).requiresGrad();
    // Its backward (ScatterAt) in g, and that one's backward (TakeAt).
    GradCheck.gradGrad(Vjp.of(in -> Pool.maxPool2d(in[0], c.options())), x.detach(), g);
  }

  @Property(tries = 60)
  @GradientProperty({WindowMean.class, WindowSpread.class})
  void avgPool2dGradientsMatchFiniteDifferences(@ForAll long seed) {
    PoolCase c = PoolCase.draw(seed, false, false);
    Tensor x = Generators.uniform(c.shape(), seed, -2, 2).requiresGrad();
    GradCheck.gradGrad(in -> Pool.avgPool2d(in[0], c.options()), x);
    Tensor g = Generators.uniform(Pool.avgPool2d(x, c.options()).shape(), seed + 1, -1, 1).requiresGrad();
    GradCheck.gradGrad(Vjp.of(in -> Pool.avgPool2d(in[0], c.options())), x.detach(), g);
  }

  @Property(tries = 40)
  @GradientProperty({WindowMax.class, WindowMean.class})
  void onePoolsGradientsMatchFiniteDifferences(@ForAll long seed) {
    PoolCase max = PoolCase.draw(seed, true, true).withoutEmptyWindows();
    Tensor x = Generators.distinct(max.shape(), seed, 0.1).requiresGrad();
    GradCheck.gradGrad(in -> Pool.maxPool1d(in[0], max.options()), x);
    PoolCase avg = PoolCase.draw(seed, false, true);
    Tensor y = Generators.uniform(avg.shape(), seed, -2, 2).requiresGrad();
    GradCheck.gradGrad(in -> Pool.avgPool1d(in[0], avg.options()), y);
  }

  @Property(tries = 40)
  @GradientProperty({WindowMean.class, WindowSpread.class})
  void adaptiveAvgPool2dGradientsMatchFiniteDifferences(@ForAll long seed) {
    Rng rng = new Rng(seed);
    Shape shape = Shape.of(1 + rng.nextInt(2), 1 + rng.nextInt(2), 1 + rng.nextInt(6), 1 + rng.nextInt(6));
    int oh = 1 + rng.nextInt(shape.dim(2) + 1);
    int ow = 1 + rng.nextInt(shape.dim(3) + 1);
    Tensor x = Generators.uniform(shape, seed, -2, 2).requiresGrad();
    GradCheck.gradGrad(in -> Pool.adaptiveAvgPool2d(in[0], oh, ow), x);
    Tensor g = Generators.uniform(Pool.adaptiveAvgPool2d(x, oh, ow).shape(), seed + 1, -1, 1).requiresGrad();
    GradCheck.gradGrad(Vjp.of(in -> Pool.adaptiveAvgPool2d(in[0], oh, ow)), x.detach(), g);
  }

  @Property(tries = 40)
  @GradientProperty({WindowMax.class, ScatterAt.class, TakeAt.class})
  void adaptiveMaxPool2dGradientsMatchFiniteDifferences(@ForAll long seed) {
    Rng rng = new Rng(seed);
    Shape shape = Shape.of(1 + rng.nextInt(2), 1 + rng.nextInt(2), 1 + rng.nextInt(6), 1 + rng.nextInt(6));
    int oh = 1 + rng.nextInt(shape.dim(2) + 1);
    int ow = 1 + rng.nextInt(shape.dim(3) + 1);
    Tensor x = Generators.distinct(shape, seed, 0.1).requiresGrad();
    GradCheck.gradGrad(in -> Pool.adaptiveMaxPool2d(in[0], oh, ow), x);
    Tensor g = Generators.uniform(Pool.adaptiveMaxPool2d(x, oh, ow).shape(), seed + 1, -1, 1).requiresGrad();
    GradCheck.gradGrad(Vjp.of(in -> Pool.adaptiveMaxPool2d(in[0], oh, ow)), x.detach(), g);
  }

  /** Ties (values from {0, 1, 2}) and NaN: values and the routed gradient match the naive loop, 1-D as 2-D. */
  @Property(tries = 60)
  void adaptivePoolsMatchTheNaiveLoopWithTiesAndNaN(@ForAll long seed) {
    Rng rng = new Rng(seed);
    Shape shape = Shape.of(1 + rng.nextInt(2), 1 + rng.nextInt(2), 1 + rng.nextInt(7), 1 + rng.nextInt(7));
    int oh = 1 + rng.nextInt(shape.dim(2) + 2);
    int ow = 1 + rng.nextInt(shape.dim(3) + 2);
    double[] values = new double[shape.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = rng.nextInt(3);
    }
    values[rng.nextInt(values.length)] = rng.nextInt(2) == 0 ? Double.NaN : 1;
    Tensor x = Tensor.of(values, shape.dims()).requiresGrad();
    double[][] expected = NaivePooling.adaptiveMax(x, oh, ow);
    Tensor y = Pool.adaptiveMaxPool2d(x, oh, ow);
    assertArrayEquals(expected[0], y.toDoubleArray());
    Tensor w = Generators.uniform(y.shape(), seed, 1, 2);
    y.mul(w).sum().backward();
    double[] routed = new double[values.length];
    for (int e = 0; e < expected[1].length; e++) {
      routed[(int) expected[1][e]] += w.get(e);
    }
    assertArrayEquals(routed, x.grad().toDoubleArray(), 1e-12);
    int[] d = shape.dims();
    Tensor rows = x.detach().reshape(d[0], d[1] * d[2], d[3]);
    Tensor asPlanes = rows.reshape(d[0], d[1] * d[2], 1, d[3]);
    assertArrayEquals(NaivePooling.adaptiveMax(asPlanes, 1, ow)[0], Pool.adaptiveMaxPool1d(rows, ow).toDoubleArray());
    assertArrayEquals(NaivePooling.adaptive(asPlanes, 1, ow), Pool.adaptiveAvgPool1d(rows, ow).toDoubleArray(),
        1e-12);
  }

  /**
   * Values drawn from {0, 1, 2} (ties in most windows) and, for some seeds, a NaN or two: the values match the
   * naive loop (NaN where a window holds one), and the gradient of {@code sum(y * w)} lands on the naive
   * arg-max (the first maximum, the last NaN), in both types.
   */
  @Property(tries = 100)
  void maxPool2dMatchesTheNaiveLoopWithTiesAndNaN(@ForAll long seed) {
    PoolCase c = PoolCase.draw(seed, true, false);
    Rng rng = new Rng(seed ^ 0x5eed);
    double[] values = new double[c.shape().size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = rng.nextInt(3);
    }
    for (int k = rng.nextInt(3); k > 0; k--) {
      values[rng.nextInt(values.length)] = Double.NaN;
    }
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Tensor x = Tensor.of(values, c.shape().dims()).to(dtype).requiresGrad();
      double[][] expected = NaivePooling.max(x, c.options());
      Tensor y = Pool.maxPool2d(x, c.options());
      assertEquals(dtype, y.dtype());
      assertArrayEquals(expected[0], y.toDoubleArray(), c.toString());
      Tensor w = Generators.uniform(y.shape(), seed, 1, 2).to(dtype);
      y.mul(w).sum().backward();
      double[] routed = new double[values.length];
      for (int e = 0; e < expected[1].length; e++) {
        if (expected[1][e] >= 0) { // -1: a dilated window with every tap in the padding, -inf, no gradient
          routed[(int) expected[1][e]] += w.get(e);
        }
      }
      assertArrayEquals(routed, x.grad().toDoubleArray(), dtype == DType.FLOAT32 ? 1e-5 : 1e-12, c.toString());
    }
  }

  @Property(tries = 100)
  void avgPool2dMatchesTheNaiveLoop(@ForAll long seed) {
    PoolCase c = PoolCase.draw(seed, false, false);
    Tensor x = Generators.uniform(c.shape(), seed, -2, 2);
    double[] expected = NaivePooling.avg(x, c.options());
    assertArrayEquals(expected, Pool.avgPool2d(x, c.options()).toDoubleArray(), 1e-12, c.toString());
    assertArrayEquals(expected, Pool.avgPool2d(x.to(DType.FLOAT32), c.options()).toDoubleArray(), 1e-5,
        c.toString());
    // An unbatched (C, H, W) input pools like the batch's first sample.
    int[] d = c.shape().dims();
    Tensor first = x.narrow(0, 0, 1).reshape(d[1], d[2], d[3]);
    Tensor pooled = Pool.avgPool2d(first, c.options());
    assertEquals(3, pooled.rank());
    assertArrayEquals(Pool.avgPool2d(x, c.options()).narrow(0, 0, 1).toDoubleArray(), pooled.toDoubleArray());
    assertArrayEquals(Pool.maxPool2d(x, c.options().dilation(1)).narrow(0, 0, 1).toDoubleArray(),
        Pool.maxPool2d(first, c.options().dilation(1)).toDoubleArray());
  }

  @Property(tries = 60)
  void onePoolsMatchTheNaiveLoopOverAHeightOfOne(@ForAll long seed) {
    PoolCase c = PoolCase.draw(seed, true, true);
    int[] d = c.shape().dims();
    Tensor x = Generators.uniform(c.shape(), seed, -2, 2);
    Tensor asPlane = x.reshape(d[0], d[1], 1, d[2]);
    PoolOptions o = c.options();
    PoolOptions plane = PoolOptions.kernel(1, o.kernelW()).stride(1, o.strideW()).padding(0, o.padW())
        .dilation(1, o.dilationW()).ceilMode(o.ceilMode()).countIncludePad(o.countIncludePad());
    Tensor max = Pool.maxPool1d(x, o);
    assertEquals(3, max.rank());
    assertArrayEquals(NaivePooling.max(asPlane, plane)[0], max.toDoubleArray(), c.toString());
    PoolOptions avg = o.dilation(1);
    PoolOptions avgPlane = plane.dilation(1, 1);
    assertArrayEquals(NaivePooling.avg(asPlane, avgPlane), Pool.avgPool1d(x, avg).toDoubleArray(), 1e-12,
        c.toString());
    // Unbatched (C, L) input gives the batch's first row.
    Tensor first = x.narrow(0, 0, 1).reshape(d[1], d[2]);
    assertArrayEquals(max.narrow(0, 0, 1).toDoubleArray(), Pool.maxPool1d(first, o).toDoubleArray());
  }

  @Property(tries = 60)
  void adaptiveAvgPool2dMatchesTheNaiveLoop(@ForAll long seed) {
    Rng rng = new Rng(seed);
    Shape shape = Shape.of(1 + rng.nextInt(2), 1 + rng.nextInt(3), 1 + rng.nextInt(9), 1 + rng.nextInt(9));
    int oh = 1 + rng.nextInt(shape.dim(2) + 2);
    int ow = 1 + rng.nextInt(shape.dim(3) + 2);
    Tensor x = Generators.uniform(shape, seed, -2, 2);
    double[] expected = NaivePooling.adaptive(x, oh, ow);
    assertArrayEquals(expected, Pool.adaptiveAvgPool2d(x, oh, ow).toDoubleArray(), 1e-12);
    assertArrayEquals(expected, Pool.adaptiveAvgPool2d(x.to(DType.FLOAT32), oh, ow).toDoubleArray(), 1e-5);
    // Global average pooling is the mean over the plane.
    assertArrayEquals(x.mean(new int[] {2, 3}, true).toDoubleArray(),
        Pool.adaptiveAvgPool2d(x, 1).toDoubleArray(), 1e-12);
  }

  @Property(tries = 60)
  void avgPoolPropagatesNaNToEveryWindowThatHoldsIt(@ForAll long seed) {
    PoolCase c = PoolCase.draw(seed, false, false);
    double[] values = Generators.uniform(c.shape(), seed, -2, 2).toDoubleArray();
    values[new Rng(seed).nextInt(values.length)] = Double.NaN;
    Tensor x = Tensor.of(values, c.shape().dims());
    assertArrayEquals(NaivePooling.avg(x, c.options()), Pool.avgPool2d(x, c.options()).toDoubleArray(), 1e-12);
  }

  @Property(tries = 60)
  void outputSizesFollowPyTorchsRule(@ForAll long seed) {
    PoolCase c = PoolCase.draw(seed, true, false);
    PoolOptions o = c.options();
    Shape y = Pool.maxPool2d(Tensor.zeros(c.shape().dims()), o).shape();
    assertEquals(NaivePooling.outSize(c.shape().dim(2), o.kernelH(), o.strideH(), o.padH(), o.dilationH(),
        o.ceilMode()), y.dim(2));
    assertEquals(NaivePooling.outSize(c.shape().dim(3), o.kernelW(), o.strideW(), o.padW(), o.dilationW(),
        o.ceilMode()), y.dim(3));
  }
}
