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
  private final Tensor value;
  private final Tensor weights;
  private final Shape kept;

  private Extremum(Tensor value, Tensor weights, Shape kept) {
    this.value = value;
    this.weights = weights;
    this.kept = kept;
  }

  static Extremum of(ReduceOp op, String name, Tensor x, int[] axes, boolean keepDims) {
    boolean[] reduced = Axes.resolve(name, x.shape(), axes);
    Tensor extreme = x;
    for (int axis = 0; axis < reduced.length; axis++) {
      if (reduced[axis]) {
        extreme = Compute.reduce(op, extreme, axis);
      }
    }
    Tensor mask = Compute.binary(name, BinaryOp.EQ, x, extreme);
    Tensor count = mask;
    for (int axis = 0; axis < reduced.length; axis++) {
      if (reduced[axis]) {
        count = Compute.reduce(ReduceOp.SUM, count, axis);
      }
    }
    Tensor weights = Compute.binary(name, BinaryOp.DIV, mask, count);
    Shape kept = Axes.reducedShape(x.shape(), reduced, true);
    Tensor value = extreme == x ? Compute.convert(x, x.dtype()) : extreme;
    return new Extremum(value.viewAs(Axes.reducedShape(x.shape(), reduced, keepDims)), weights, kept);
  }

  /** The extreme values, of the reduced shape. */
  Tensor value() {
    return value;
  }

  /** {@code dL/dx = g * mask / count}, with {@code g} broadcast back over the reduced axes. */
  Tensor backward(Tensor g) {
    return g.reshape(kept.dims()).mul(weights);
  }
}
