package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.UnaryOp;

/**
 * {@code y = x * sigmoid(x)} (SiLU, swish): {@code silu(+inf) = inf} and {@code silu(-inf) = -0}, its limit
 * (PyTorch gives NaN there, {@code -inf * 0}).
 *
 * <p>{@code dL/dx = g * s * (1 + x * (1 - s))} with {@code s = sigmoid(x)}, written {@code 1 - s = sigmoid(-x)} so
 * that it keeps its precision for large {@code x}. {@code x} is clamped to {@code [-1000, 1000]} first: that
 * changes no finite value ({@code x * sigmoid(-x)} is already 0 beyond 746) but makes the gradient 1 at
 * {@code +inf} and 0 at {@code -inf} instead of {@code inf * 0 = NaN}; NaN stays NaN.
 */
public final class Silu extends Function {
  private static final double CLAMP = 1000;

  @Override
  public String derivativeRule() {
    return "dy/dx = s (1 + x (1 - s)), s = sigmoid(x)";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    String x = n.input(0);
    return n.upstream() + " * sigmoid(" + x + ") * (1 + " + x + " * sigmoid(-" + x + "))";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    saveForBackward(in[0]);
    return Compute.unary(UnaryOp.SILU, 0, in[0]);
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    Tensor x = saved(0).clamp(-CLAMP, CLAMP);
    return new Tensor[] {g.mul(x.sigmoid().mul(x.mul(x.neg().sigmoid()).add(1)))};
  }
}
