package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.UnaryOp;

/**
 * {@code y = -x}.
 *
 * <p>{@code dL/dx = -g}.
 */
public final class Neg extends Function {
  @Override
  public String derivativeRule() {
    return "dy/dx = -1";
  }

  @Override
  protected boolean acceptsIntegers(int input) {
    return true;
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return "-" + n.upstream();
  }

  @Override
  protected Tensor forward(Tensor... in) {
    return Compute.unary(UnaryOp.NEG, 0, in[0]);
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {g.neg()};
  }
}
