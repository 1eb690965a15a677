package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.UnaryOp;

/**
 * {@code y = ln x}: {@code ln 0 = -inf}, NaN for {@code x < 0}.
 *
 * <p>{@code dL/dx = g / x}.
 */
public final class Log extends Function {
  @Override
  public String derivativeRule() {
    return "dy/dx = 1/x";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return n.upstream() + " / " + n.input(0);
  }

  @Override
  protected Tensor forward(Tensor... in) {
    saveForBackward(in[0]);
    return Compute.unary(UnaryOp.LOG, 0, in[0]);
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {g.div(saved(0))};
  }
}
