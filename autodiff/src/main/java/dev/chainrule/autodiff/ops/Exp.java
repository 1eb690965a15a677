package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.UnaryOp;

/**
 * {@code y = e^x}.
 *
 * <p>{@code dL/dx = g * y}.
 */
public final class Exp extends Function {
  @Override
  public String derivativeRule() {
    return "dy/dx = y";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return n.upstream() + " * " + n.output();
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor y = Compute.unary(UnaryOp.EXP, 0, in[0]);
    saveForBackward(y);
    return y;
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {g.mul(saved(0))};
  }
}
