package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Tensor;

/**
 * {@code y = x} converted to another type (FLOAT32 rounds to nearest).
 *
 * <p>{@code dL/dx = g} converted back to {@code x}'s type.
 */
public final class Cast extends Function {
  private final DType target;
  private DType source;

  public Cast(DType target) {
    this.target = target;
  }

  @Override
  protected boolean acceptsIntegers(int input) {
    return true;
  }

  @Override
  public String derivativeRule() {
    return "dy/dx = 1 (g cast back to x's type)";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return "cast(" + n.upstream() + " to the type of " + n.input(0) + ")";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    source = in[0].dtype();
    return Compute.convert(in[0], target);
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {g.to(source)};
  }
}
