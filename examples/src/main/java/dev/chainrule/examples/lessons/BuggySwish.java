package dev.chainrule.examples.lessons;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.Tensor;

/**
 * Swish, {@code y = x * sigmoid(x)}, with the slip the gradient-checking lesson catches: the product rule's
 * second term lost its factor {@code x}, so backward computes
 *
 * <pre>
 *   dy/dx = s + s (1 - s)         instead of   s + x s (1 - s).
 * </pre>
 *
 * The error is {@code (1 - x) s (1 - s)}: nothing at {@code x = 1}, little for large {@code |x|} where
 * {@code s (1 - s)} vanishes, and a quarter at {@code x = 0}. A check at a single lucky point passes it.
 */
final class BuggySwish extends Function {
  private Tensor x;

  @Override
  protected Tensor forward(Tensor... inputs) {
    checkArgument(inputs.length == 1, "BuggySwish: takes one input, was given %s", inputs.length);
    x = inputs[0];
    return x.mul(x.sigmoid());
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    Tensor s = x.sigmoid();
    return new Tensor[] {g.mul(s.add(s.mul(s.rsub(1))))}; // the bug: s (1 - s) should be x s (1 - s)
  }

  @Override
  public String derivativeRule() {
    return "dy/dx = s + s (1-s) (wrong: lost the factor x)";
  }
}
