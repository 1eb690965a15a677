package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.BinaryOp;
import dev.chainrule.autodiff.kernel.ReduceOp;

/**
 * The forward of {@link Max} and {@link Min} and what their backward needs: the extreme value over the axes,
 * and the constant weights {@code mask / count} where {@code mask = (x == extreme)} and {@code count} is the
 * number of tied extremes in each reduced group, so that the gradient is split evenly among ties (PyTorch's
 * amax/amin). Computed on plain arrays, recording nothing.
 */
final class Extremum {
  private final String name;
  private final Tensor extreme;
  private final boolean[] reduced;
  private final Shape shape;

  private Extremum(String name, Tensor extreme, boolean[] reduced, Shape shape) {
    this.name = name;
    this.extreme = extreme;
    this.reduced = reduced;
    this.shape = shape;
  }

  /**
   * The extreme of {@code x} over {@code axes}.
   *
   * @throws IllegalArgumentException naming the op, the axis and the shape when a reduced axis is empty: the
   *     largest of no elements is undefined (a sum of none is 0, a max is not {@code -inf})
   */
  static Extremum of(ReduceOp op, String name, Tensor x, int[] axes, boolean keepDims) {
    boolean[] reduced = Axes.resolve(name, x.shape(), axes);
    for (int axis = 0; axis < reduced.length; axis++) {
      Axes.checkNotEmpty(name, x.shape(), axis, reduced[axis]);
    }
    Tensor extreme = x;
    for (int axis = 0; axis < reduced.length; axis++) {
      if (reduced[axis]) {
        extreme = Compute.reduce(op, extreme, axis);
      }
    }
    if (extreme == x) {
      extreme = Compute.convert(x, x.dtype()); // no axes: a copy, never the input itself
    }
    return new Extremum(name, extreme, reduced, Axes.reducedShape(x.shape(), reduced, keepDims));
  }

  /** The extreme values, of the reduced shape. */
  Tensor value() {
    return extreme.viewAs(shape);
  }

  /**
   * {@code dL/dx = g * mask / count}, with {@code g} broadcast back over the reduced axes; {@code x} is the input
   * that forward reduced. The weights are computed here rather than in forward, so that a forward that is never
   * differentiated does not pay for them.
   */
  Tensor backward(Tensor g, Tensor x) {
    Tensor mask = Compute.binary(name, BinaryOp.EQ, x, extreme);
    Tensor count = mask;
    for (int axis = 0; axis < reduced.length; axis++) {
      if (reduced[axis]) {
        count = Compute.reduce(ReduceOp.SUM, count, axis);
      }
    }
    Tensor weights = Compute.binary(name, BinaryOp.DIV, mask, count);
    return g.reshape(extreme.shape().dims()).mul(weights);
  }
}
