package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.UnaryOp;

/**
 * {@code y = sqrt x}: NaN for {@code x < 0}.
 *
 * <p>{@code dL/dx = g / (2 y)}, infinite at {@code x = 0}.
 */
public final class Sqrt extends Function {
  @Override
  public String derivativeRule() {
    return "dy/dx = 1/(2y)";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return n.upstream() + " / (2 * " + n.output() + ")";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor y = Compute.unary(UnaryOp.SQRT, 0, in[0]);
    saveForBackward(y);
    return y;
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {g.div(saved(0).mul(2))};
  }
}
