package dev.chainrule.autodiff.ops.pool;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;

/**
 * A random pooling case for the properties: kernels 1-3, strides 1-3, paddings 0-1 (at most half the kernel),
 * dilations 1-2 (max pooling only), ceil mode and countIncludePad on or off, and an input shape
 * {@code (N, C, H, W)} with N, C in 1-2 and each spatial size from the dilated kernel's extent less the padding
 * to 4 more, so that the output is never empty.
 */
record PoolCase(Shape shape, PoolOptions options) {

  static PoolCase draw(long seed, boolean dilated, boolean oneD) {
    Rng rng = new Rng(seed);
    int kh = oneD ? 1 : 1 + rng.nextInt(3);
    int kw = 1 + rng.nextInt(3);
    int sh = oneD ? 1 : 1 + rng.nextInt(3);
    int sw = 1 + rng.nextInt(3);
    int ph = oneD ? 0 : rng.nextInt(kh / 2 + 1);
    int pw = rng.nextInt(kw / 2 + 1);
    int dh = dilated && !oneD ? 1 + rng.nextInt(2) : 1;
    int dw = dilated ? 1 + rng.nextInt(2) : 1;
    PoolOptions o = PoolOptions.kernel(kh, kw).stride(sh, sw).padding(ph, pw).dilation(dh, dw)
        .ceilMode(rng.nextInt(2) == 1).countIncludePad(rng.nextInt(2) == 1);
    int h = oneD ? 1 : smallest(kh, ph, dh) + rng.nextInt(5);
    int w = smallest(kw, pw, dw) + rng.nextInt(5);
    int n = 1 + rng.nextInt(2);
    int c = 1 + rng.nextInt(2);
    if (oneD) {
      return new PoolCase(Shape.of(n, c, w), PoolOptions.kernel(kw).stride(sw).padding(pw).dilation(dw)
          .ceilMode(o.ceilMode()).countIncludePad(o.countIncludePad()));
    }
    return new PoolCase(Shape.of(n, c, h, w), o);
  }

  /**
   * This case, its spatial sizes grown until no window lies wholly in the padding (possible with dilation,
   * e.g. kernel 2, dilation 2, padding 1 over one element: taps -1 and 1). Such a window is {@code -inf}, as in
   * PyTorch, which finite differences cannot check.
   */
  PoolCase withoutEmptyWindows() {
    int[] dims = shape.dims();
    while (true) {
      Shape plane = dims.length == 3 ? Shape.of(1, 1, 1, dims[2]) : Shape.of(1, 1, dims[2], dims[3]);
      PoolOptions o = dims.length == 3 ? PoolOptions.kernel(1, options.kernelW()).stride(1, options.strideW())
          .padding(0, options.padW()).dilation(1, options.dilationW()).ceilMode(options.ceilMode()) : options;
      boolean empty = false;
      for (double v : NaivePooling.max(Tensor.zeros(plane.dims()), o)[0]) {
        empty |= v == Double.NEGATIVE_INFINITY;
      }
      if (!empty) {
        return new PoolCase(Shape.of(dims), options);
      }
      dims[dims.length - 1]++;
      if (dims.length == 4) {
        dims[2]++;
      }
    }
  }

  /** The smallest input size with a non-empty output: the dilated kernel's extent, less both paddings. */
  private static int smallest(int k, int p, int d) {
    return Math.max(1, d * (k - 1) + 1 - 2 * p);
  }
}
