package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.BinaryOp;

/**
 * {@code y = a + b}, broadcast.
 *
 * <p>{@code dL/da = g,  dL/db = g} (the walker sums each back to its operand's shape).
 */
public final class Add extends Function {
  @Override
  public String derivativeRule() {
    return "d(a+b)/da = 1, d(a+b)/db = 1";
  }

  @Override
  protected boolean acceptsIntegers(int input) {
    return true;
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return n.upstream();
  }

  @Override
  protected Tensor forward(Tensor... in) {
    return Compute.binary("add", BinaryOp.ADD, in[0], in[1]);
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {g, g};
  }
}
