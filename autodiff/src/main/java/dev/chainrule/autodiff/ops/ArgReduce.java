package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.LongKernels;
import dev.chainrule.autodiff.kernel.ReduceOp;

/**
 * {@code argmax} and {@code argmin} along one axis: the index of the first largest (smallest) element, in an INT64
 * tensor, with {@code axis} removed from the shape; any input type (BOOL counts as 1 and 0). Not differentiable:
 * the result never records a node. NaN counts as largest and as smallest, like NumPy. An empty axis is refused
 * (the index of the largest of no elements is undefined).
 */
public final class ArgReduce {
  private ArgReduce() {}

  /** The index along {@code axis} of the first {@code op} ({@code MAX} or {@code MIN}) element. */
  public static Tensor apply(ReduceOp op, Tensor x, int axis) {
    String name = op == ReduceOp.MAX ? "argmax" : "argmin";
    Shape shape = x.shape();
    int a = shape.axis(axis, name);
    int[] dims = shape.dims();
    int outer = Compute.product(dims, 0, a);
    int inner = Compute.product(dims, a + 1, dims.length);
    boolean[] reduced = new boolean[dims.length];
    reduced[a] = true;
    Shape outShape = Axes.reducedShape(shape, reduced, false);
    Axes.checkNotEmpty(name, shape, a, true);
    int[] index = new int[outShape.size()];
    if (x.dtype() == DType.FLOAT32) {
      Compute.kernels().argReduce(op, x.rawFloats(), outer, dims[a], inner, index);
    } else if (x.dtype() == DType.FLOAT64) {
      Compute.kernels().argReduce(op, x.rawDoubles(), outer, dims[a], inner, index);
    } else {
      Tensor longs = x.dtype() == DType.INT64 ? x : Compute.convert(x, DType.INT64);
      LongKernels.argReduce(op, longs.rawLongs(), outer, dims[a], inner, index);
    }
    long[] values = new long[index.length];
    for (int i = 0; i < index.length; i++) {
      values[i] = index[i];
    }
    return Tensor.wrap(outShape, values);
  }
}
