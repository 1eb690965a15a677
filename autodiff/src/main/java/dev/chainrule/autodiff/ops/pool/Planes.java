package dev.chainrule.autodiff.ops.pool;

import dev.chainrule.autodiff.Shape;

/**
 * A tensor of shape {@code (..., h, w)} seen as {@code planes} planes of {@code h x w} values: how the pooling
 * and padding ops hand their input to the kernels. Records nothing.
 */
record Planes(int planes, int h, int w) {

  /** The planes of {@code shape} over its last two axes. */
  static Planes of(Shape shape) {
    int rank = shape.rank();
    int h = shape.dim(rank - 2);
    int w = shape.dim(rank - 1);
    return new Planes(h * w == 0 ? 0 : shape.size() / (h * w), h, w);
  }

  /** {@code shape} with its last two axes replaced by {@code h, w}. */
  static Shape withSpatial(Shape shape, int h, int w) {
    int[] dims = shape.dims();
    dims[dims.length - 2] = h;
    dims[dims.length - 1] = w;
    return Shape.of(dims);
  }
}
