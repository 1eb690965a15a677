package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.ReduceOp;

/**
 * {@code y = max of x over axes}: the largest element, keeping the axes with size 1 when {@code keepDims}.
 *
 * <p>{@code dL/dx = g * mask / count} with {@code mask = (x == y)}: the gradient goes to the largest elements and
 * is split evenly among ties, as PyTorch's {@code amax} does; other elements get 0. A NaN in a group makes its
 * result NaN and the gradient of every element of the group NaN (no element equals NaN, so {@code 0 / 0}).
 * Reducing an axis of size 0 is refused, naming it: the extreme of no elements is undefined. See
 * {@link Extremum}.
 */
public final class Max extends Function {
  private final int[] axes;
  private final boolean keepDims;
  private Extremum extremum;

  public Max(int[] axes, boolean keepDims) {
    this.axes = axes.clone();
    this.keepDims = keepDims;
  }

  @Override
  protected boolean acceptsIntegers(int input) {
    return true;
  }

  @Override
  public String derivativeRule() {
    return "dL/dx = g (x == y) / count";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return n.upstream() + " * [" + n.input(0) + " == " + n.output() + "] / count";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    extremum = Extremum.of(ReduceOp.MAX, "max", in[0], axes, keepDims);
    saveForBackward(in[0]);
    return extremum.value();
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {extremum.backward(g, saved(0))};
  }
}
