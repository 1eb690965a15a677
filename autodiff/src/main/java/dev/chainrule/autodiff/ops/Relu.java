package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.UnaryOp;

/**
 * {@code y = max(x, 0)}; NaN stays NaN (IEEE 754, PyTorch).
 *
 * <p>{@code dL/dx = g * (x > 0)}: the mask is a constant, 0 at the kink {@code x = 0} and NaN at a NaN
 * {@code x}; computed in one pass by {@link ReluBackward}, itself differentiable in {@code g}, so second
 * derivatives work.
 */
public final class Relu extends Function {
  @Override
  public String derivativeRule() {
    return "dy/dx = (x > 0)";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return n.upstream() + " * [" + n.input(0) + " > 0]";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    saveForBackward(in[0]);
    return Compute.unary(UnaryOp.RELU, 0, in[0]);
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {new ReluBackward().apply(g, saved(0))};
  }
}
