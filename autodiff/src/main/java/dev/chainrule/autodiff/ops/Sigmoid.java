package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.UnaryOp;

/**
 * {@code y = 1 / (1 + e^-x)}, computed stably on both sides (no overflow, no NaN for {@code |x|} large).
 *
 * <p>{@code dL/dx = g * y * (1 - y)}, from the output.
 */
public final class Sigmoid extends Function {
  @Override
  public String derivativeRule() {
    return "dy/dx = y(1-y)";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return n.upstream() + " * " + n.output() + " * (1 - " + n.output() + ")";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor y = Compute.unary(UnaryOp.SIGMOID, 0, in[0]);
    saveForBackward(y);
    return y;
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    Tensor y = saved(0);
    return new Tensor[] {g.mul(y.mul(y.rsub(1)))};
  }
}
