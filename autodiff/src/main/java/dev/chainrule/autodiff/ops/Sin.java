package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.UnaryOp;

/**
 * {@code y = sin x}; NaN and {@code +-inf} give NaN.
 *
 * <p>{@code dL/dx = g * cos x}.
 */
public final class Sin extends Function {
  @Override
  public String derivativeRule() {
    return "dy/dx = cos x";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return n.upstream() + " * cos(" + n.input(0) + ")";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    saveForBackward(in[0]);
    return Compute.unary(UnaryOp.SIN, 0, in[0]);
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {g.mul(saved(0).cos())};
  }
}
