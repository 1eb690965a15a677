package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.UnaryOp;

/**
 * {@code y = x > 0 ? x : slope * x}; NaN stays NaN.
 *
 * <p>{@code dL/dx = g * (x > 0 ? 1 : slope)}: the factor is a constant, {@code slope} at the kink {@code x = 0}
 * and NaN at a NaN {@code x} ({@link Compare#keepNaN}), so the gradient there is NaN.
 */
public final class LeakyRelu extends Function {
  private final double slope;

  public LeakyRelu(double slope) {
    this.slope = slope;
  }

  @Override
  public String derivativeRule() {
    return "dy/dx = x > 0 ? 1 : slope";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return n.upstream() + " * [" + n.input(0) + " > 0 ? 1 : " + IndexMaps.format(slope) + "]";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    saveForBackward(in[0]);
    return Compute.unary(UnaryOp.LEAKY_RELU, slope, in[0]);
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    Tensor x = saved(0);
    Tensor factor = Compare.keepNaN(x.gt(0), x).mul(1 - slope).add(slope);
    return new Tensor[] {g.mul(factor)};
  }
}
