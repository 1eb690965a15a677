package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.UnaryOp;

/**
 * {@code y = x Phi(x) = x/2 * (1 + erf(x / sqrt 2))}, PyTorch's default (exact) GELU, computed as
 * {@code x/2 * erfc(-x / sqrt 2)} so that the tail for negative {@code x} keeps its relative precision (PyTorch
 * rounds {@code 1 + erf} to 0 below about -8 and gives {@code -0} there); {@code gelu(+inf) = inf},
 * {@code gelu(-inf) = -0}.
 *
 * <p>{@code dL/dx = g * (Phi(x) + x phi(x))} with {@code Phi(x) = (1 + erf(x / sqrt 2)) / 2} and
 * {@code phi(x) = e^(-x^2/2) / sqrt(2 pi)}. {@code x} is clamped to {@code [-40, 40]} first: no finite value
 * changes ({@code Phi} is 0 or 1 and {@code x phi(x)} is 0 beyond), but at {@code +-inf} the gradient is 1 and 0
 * rather than {@code inf * 0 = NaN}; NaN stays NaN.
 */
public final class Gelu extends Function {
  private static final double SQRT_HALF = 0.7071067811865476;
  private static final double ONE_OVER_SQRT_TWO_PI = 0.3989422804014327;
  private static final double CLAMP = 40;

  @Override
  public String derivativeRule() {
    return "dy/dx = Phi(x) + x phi(x)";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    String x = n.input(0);
    return n.upstream() + " * ((1 + erf(" + x + " / sqrt 2)) / 2 + " + x + " * exp(-" + x + "^2 / 2) / sqrt(2 pi))";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    saveForBackward(in[0]);
    return Compute.unary(UnaryOp.GELU, 0, in[0]);
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    Tensor x = saved(0).clamp(-CLAMP, CLAMP);
    Tensor cdf = x.mul(SQRT_HALF).erf().add(1).mul(0.5);
    Tensor density = x.square().mul(-0.5).exp().mul(ONE_OVER_SQRT_TWO_PI);
    return new Tensor[] {g.mul(cdf.add(x.mul(density)))};
  }
}
