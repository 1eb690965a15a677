package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Tensor;

/**
 * {@code y = mask ? a : b}, elementwise, with all three broadcast; {@code mask} holds 0 and 1 (any nonzero
 * selects {@code a}), typically from a comparison such as {@link Tensor#gt}. {@code a} and {@code b} promote; the
 * mask's type does not matter. A NaN in the mask gives NaN in {@code y} and in both gradients there (see
 * {@link Compare#keepNaN}); a NaN in the operand not selected does not reach {@code y}.
 *
 * <p>{@code dL/dmask}: none (the mask is not differentiable),
 * {@code dL/da = where(mask, g, 0),  dL/db = where(mask, 0, g)}: an element of {@code y} that does not read
 * {@code a} sends it nothing, even a NaN {@code g}.
 */
public final class Where extends Function {
  @Override
  public String derivativeRule() {
    return "dL/da = where(mask, g, 0), dL/db = where(mask, 0, g)";
  }

  @Override
  protected boolean acceptsIntegers(int input) {
    return true;
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    if (input == 0) {
      return NO_GRADIENT;
    }
    return input == 1 ? "where(" + n.input(0) + ", " + n.upstream() + ", 0)"
        : "where(" + n.input(0) + ", 0, " + n.upstream() + ")";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    saveForBackward(in[0]);
    return Compute.where("where", in[0], in[1], in[2]);
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    Tensor mask = saved(0);
    Tensor zero = Tensor.scalar(g.dtype(), 0);
    return new Tensor[] {null, Tensor.where(mask, g, zero), Tensor.where(mask, zero, g)};
  }
}
