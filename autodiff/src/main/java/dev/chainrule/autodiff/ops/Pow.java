package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.BinaryOp;

/**
 * {@code y = a^b}, elementwise, broadcast, as {@link Math#pow} (a negative base gives NaN unless {@code b} is an
 * integer). For a constant exponent use {@link PowScalar}.
 *
 * <p>{@code dL/da = g * b * a^(b - 1),  dL/db = g * y * ln a}. As in PyTorch, {@code dL/da} is 0 where
 * {@code b = 0} (also at {@code a = 0}, where the formula gives {@code 0 * inf}). The exponent's gradient needs
 * {@code a > 0}: it is NaN for {@code a < 0}, and at {@code a = 0} it is taken as 0 when {@code b >= 0} (where
 * {@code 0^b} is constant in {@code b}). Each gradient is computed only when its operand needs one.
 */
public final class Pow extends Function {
  @Override
  public String derivativeRule() {
    return "d(a^b)/da = b a^(b-1), d(a^b)/db = y ln a";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return input == 0 ? n.upstream() + " * " + n.input(1) + " * " + n.input(0) + "^(" + n.input(1) + " - 1)"
        : n.upstream() + " * " + n.output() + " * ln(" + n.input(0) + ")";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor y = Compute.binary("pow", BinaryOp.POW, in[0], in[1]);
    saveForBackward(in[0], in[1], y);
    return y;
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    Tensor a = saved(0);
    Tensor b = saved(1);
    Tensor zero = Tensor.scalar(g.dtype(), 0);
    Tensor ga = null;
    Tensor gb = null;
    if (a.needsGrad()) {
      ga = Tensor.where(b.eq(0), zero, g.mul(b).mul(a.pow(b.sub(1))));
    }
    if (b.needsGrad()) {
      gb = Tensor.where(a.eq(0).logicalAnd(b.ge(0)), zero, g.mul(saved(2)).mul(a.log()));
    }
    return new Tensor[] {ga, gb};
  }
}
