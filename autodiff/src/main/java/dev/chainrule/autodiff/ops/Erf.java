package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.UnaryOp;

/**
 * {@code y = erf x = 2/sqrt(pi) int_0^x e^(-t^2) dt}, to double precision (Cody's rational approximations);
 * {@code erf(+-inf) = +-1}.
 *
 * <p>{@code dL/dx = g * 2/sqrt(pi) * e^(-x^2)}, with {@code x} clamped to {@code [-30, 30]} first: no finite value
 * changes ({@code e^(-900)} is 0), but the second derivative {@code -2x e^(-x^2)} is 0 at {@code +-inf} rather than
 * {@code inf * 0 = NaN}; NaN stays NaN.
 */
public final class Erf extends Function {
  private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
  private static final double CLAMP = 30;

  @Override
  public String derivativeRule() {
    return "dy/dx = 2/sqrt(pi) e^(-x^2)";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return n.upstream() + " * 2/sqrt(pi) * exp(-" + n.input(0) + "^2)";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    saveForBackward(in[0]);
    return Compute.unary(UnaryOp.ERF, 0, in[0]);
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    Tensor x = saved(0).clamp(-CLAMP, CLAMP);
    return new Tensor[] {g.mul(x.square().neg().exp().mul(TWO_OVER_SQRT_PI))};
  }
}
