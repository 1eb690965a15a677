package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.ReduceOp;
import java.util.Arrays;

/**
 * {@code y = sum of x over axes}, keeping them with size 1 when {@code keepDims}.
 *
 * <p>{@code dL/dx = g}, broadcast back over the summed axes: every element contributed once.
 */
public final class Sum extends Function {
  private final int[] axes;
  private final boolean keepDims;
  private Shape inputShape;

  public Sum(int[] axes, boolean keepDims) {
    this.axes = axes.clone();
    this.keepDims = keepDims;
  }

  @Override
  protected boolean acceptsIntegers(int input) {
    return true;
  }

  @Override
  public String derivativeRule() {
    return "dy/dx_i = 1";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return "expand(" + n.upstream() + " over axes " + Arrays.toString(axes) + ")";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    inputShape = in[0].shape();
    boolean[] reduced = Axes.resolve("sum", inputShape, axes);
    Tensor out = in[0];
    for (int axis = 0; axis < reduced.length; axis++) {
      if (reduced[axis]) {
        out = Compute.reduce(ReduceOp.SUM, out, axis);
      }
    }
    if (out == in[0]) {
      out = Compute.convert(out, out.dtype()); // no axes: a copy, never the input itself
    }
    return out.viewAs(Axes.reducedShape(inputShape, reduced, keepDims));
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    Shape kept = Axes.reducedShape(inputShape, Axes.resolve("sum", inputShape, axes), true);
    return new Tensor[] {g.reshape(kept.dims()).expand(inputShape.dims())};
  }

  /** The summed axes as given (negative ones count from the end). */
  public int[] axes() {
    return axes.clone();
  }

  /** Whether the summed axes are kept with size 1. */
  public boolean keepDims() {
    return keepDims;
  }
}
