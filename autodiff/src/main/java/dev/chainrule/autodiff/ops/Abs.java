package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.UnaryOp;

/**
 * {@code y = |x|}.
 *
 * <p>{@code dL/dx = g * sign(x)}, 0 at the kink {@code x = 0} (as in PyTorch). {@code sign} is piecewise
 * constant, so it enters backward as a constant: second derivatives are 0 away from the kink.
 */
public final class Abs extends Function {
  @Override
  public String derivativeRule() {
    return "dy/dx = sign(x)";
  }

  @Override
  protected boolean acceptsIntegers(int input) {
    return true;
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return n.upstream() + " * sign(" + n.input(0) + ")";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    saveForBackward(in[0]);
    return Compute.unary(UnaryOp.ABS, 0, in[0]);
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {g.mul(Compute.unary(UnaryOp.SIGN, 0, saved(0)))};
  }
}
