package dev.chainrule.autodiff.ops;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;

/**
 * {@code y = x} broadcast to a larger shape by NumPy rules (new leading axes, size-1 axes repeated),
 * materialised.
 *
 * <p>{@code dL/dx = g}: the gradient has the expanded shape, and the walker sums it back over the repeated
 * axes, as for any broadcast operand.
 */
public final class Expand extends Function {
  private final Shape target;

  public Expand(Shape target) {
    this.target = target;
  }

  @Override
  protected boolean acceptsIntegers(int input) {
    return true;
  }

  @Override
  public String derivativeRule() {
    return "dL/dx = g summed over the repeated axes";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return n.upstream();
  }

  @Override
  protected Tensor forward(Tensor... in) {
    checkArgument(in[0].shape().broadcastsTo(target), "expand: shape %s cannot be broadcast to %s",
        in[0].shape(), target);
    return Compute.broadcastTo(in[0], target, in[0].dtype());
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {g};
  }
}
