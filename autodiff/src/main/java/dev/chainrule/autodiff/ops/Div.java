package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.BinaryOp;

/**
 * {@code y = a / b}, elementwise, broadcast; IEEE division ({@code 1 / 0 = inf}, {@code 0 / 0 = NaN}).
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
  public String gradientFormula(int input, OperandNames n) {
    return input == 0 ? n.upstream() + " / " + n.input(1)
        : "-" + n.upstream() + " * " + n.input(0) + " / " + n.input(1) + "^2";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor y = Compute.binary("div", BinaryOp.DIV, in[0], in[1]);
    saveForBackward(in[1], y);
    return y;
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    Tensor b = saved(0);
    Tensor y = saved(1);
    return new Tensor[] {g.div(b), g.mul(y).div(b).neg()};
  }
}
