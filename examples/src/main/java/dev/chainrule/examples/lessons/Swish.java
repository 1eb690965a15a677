package dev.chainrule.examples.lessons;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.Tensor;

/**
 * Swish, {@code y = x * sigmoid(x)}, as a custom op with a correct backward. With {@code s = sigmoid(x)} and
 * {@code ds/dx = s (1 - s)}, the product rule gives
 *
 * <pre>
 *   dy/dx = s + x s (1 - s),      dL/dx = g * (s + x s (1 - s)).
 * </pre>
 *
 * The rule is written with tensor ops, so it can itself be differentiated (second order).
 */
final class Swish extends Function {
  private Tensor x;

  @Override
  protected Tensor forward(Tensor... inputs) {
    checkArgument(inputs.length == 1, "Swish: takes one input, was given %s", inputs.length);
    x = inputs[0];
    return x.mul(x.sigmoid());
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    Tensor s = x.sigmoid();
    return new Tensor[] {g.mul(s.add(x.mul(s).mul(s.rsub(1))))};
  }

  @Override
  public String derivativeRule() {
    return "dy/dx = s + x s (1-s), s = sigmoid(x)";
  }
}
