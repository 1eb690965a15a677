package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.UnaryOp;

/**
 * {@code y = x^c} for a constant {@code c}, elementwise, as {@link Math#pow}.
 *
 * <p>{@code dL/dx = g * c * x^(c - 1)}; 0 for {@code c = 0} (also at {@code x = 0}, where the formula would
 * give {@code 0 * inf}). For {@code c = 2} at {@code x = 0} it is {@code 2 * 0^1 = 0}.
 */
public final class PowScalar extends Function {
  private final double c;

  public PowScalar(double c) {
    this.c = c;
  }

  @Override
  public String derivativeRule() {
    return "d(x^c)/dx = c x^(c-1)";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return n.upstream() + " * " + IndexMaps.format(c) + " * " + n.input(0) + "^" + IndexMaps.format(c - 1);
  }

  @Override
  protected Tensor forward(Tensor... in) {
    saveForBackward(in[0]);
    return Compute.unary(UnaryOp.POW, c, in[0]);
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    if (c == 0) {
      return new Tensor[] {Tensor.zeros(g.dtype(), g.shape().dims())};
    }
    return new Tensor[] {g.mul(saved(0).pow(c - 1).mul(c))};
  }
}
