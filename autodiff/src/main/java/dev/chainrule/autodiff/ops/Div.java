package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.BinaryOp;

/**
 * {@code y = a / b}, elementwise, broadcast; IEEE division ({@code 1 / 0 = inf}, {@code 0 / 0 = NaN}). True
 * division, as in PyTorch: two integer operands divide in the default floating type.
 *
 * <p>{@code dL/da = g / b,  dL/db = -g * a / b^2 = -(g * y) / b} (from the output, which never squares
 * {@code b}, so it cannot overflow where {@code y} does not).
 */
public final class Div extends Function {
  @Override
  public String derivativeRule() {
    return "d(a/b)/da = 1/b, d(a/b)/db = -a/b^2";
  }

  @Override
  protected boolean acceptsIntegers(int input) {
    return true;
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return input == 0 ? n.upstream() + " / " + n.input(1)
        : "-" + n.upstream() + " * " + n.input(0) + " / " + n.input(1) + "^2";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor a = in[0];
    Tensor b = in[1];
    if (!DType.promote(a.dtype(), b.dtype()).isFloatingPoint()) {
      a = Compute.convert(a, DType.defaultType());
      b = Compute.convert(b, DType.defaultType());
    }
    Tensor y = Compute.binary("div", BinaryOp.DIV, a, b);
    saveForBackward(b, y);
    return y;
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    Tensor b = saved(0);
    Tensor y = saved(1);
    return new Tensor[] {g.div(b), g.mul(y).div(b).neg()};
  }
}
