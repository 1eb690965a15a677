package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.UnaryOp;

/**
 * {@code y = tanh x}.
 *
 * <p>{@code dL/dx = g * (1 - y^2)}, from the output.
 */
public final class Tanh extends Function {
  @Override
  public String derivativeRule() {
    return "dy/dx = 1 - y^2";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return n.upstream() + " * (1 - " + n.output() + "^2)";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor y = Compute.unary(UnaryOp.TANH, 0, in[0]);
    saveForBackward(y);
    return y;
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {g.mul(saved(0).square().rsub(1))};
  }
}
