package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.BinaryOp;

/**
 * {@code y = a * b}, elementwise, broadcast.
 *
 * <p>{@code dL/da = g * b,  dL/db = g * a}.
 */
public final class Mul extends Function {
  private Tensor a;
  private Tensor b;

  @Override
  protected boolean acceptsIntegers(int input) {
    return true;
  }

  @Override
  public String derivativeRule() {
    return "d(a*b)/da = b, d(a*b)/db = a";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return n.upstream() + " * " + n.input(1 - input);
  }

  @Override
  protected Tensor forward(Tensor... in) {
    a = in[0];
    b = in[1];
    saveForBackward(a, b);
    return Compute.binary("mul", BinaryOp.MUL, a, b);
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {g.mul(saved(1)), g.mul(saved(0))};
  }
}
