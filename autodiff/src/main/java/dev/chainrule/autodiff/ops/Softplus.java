package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.UnaryOp;

/**
 * {@code y = ln(1 + e^x)} (by {@code log1p}, so {@code e^x} below the rounding of 1 is kept), and {@code y = x} for
 * {@code x > 20}, as PyTorch's default {@code softplus(beta=1, threshold=20)}: {@code softplus(-1000) = 0},
 * {@code softplus(1000) = 1000}.
 *
 * <p>{@code dL/dx = g * sigmoid(x)}, and {@code g} for {@code x > 20}, the derivative of what is computed (as in
 * PyTorch; {@code 1 - sigmoid(20) < 2.1e-9}).
 */
public final class Softplus extends Function {
  @Override
  public String derivativeRule() {
    return "dy/dx = x > 20 ? 1 : sigmoid(x)";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    String x = n.input(0);
    return n.upstream() + " * [" + x + " > 20 ? 1 : sigmoid(" + x + ")]";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    saveForBackward(in[0]);
    return Compute.unary(UnaryOp.SOFTPLUS, 0, in[0]);
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    Tensor x = saved(0);
    return new Tensor[] {Tensor.where(x.gt(UnaryOp.SOFTPLUS_THRESHOLD), g, g.mul(x.sigmoid()))};
  }
}
