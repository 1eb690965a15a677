package dev.chainrule.autodiff.ops;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;

/**
 * {@code y = x} with another shape of the same size (row-major order is kept); one dimension may be
 * {@code -1}, inferred from the others. Shares storage with {@code x}.
 *
 * <p>{@code dL/dx = g} reshaped to {@code x}'s shape.
 */
public final class Reshape extends Function {
  private final int[] requested;
  private Shape inputShape;

  public Reshape(int... requested) {
    this.requested = requested.clone();
  }

  @Override
  protected boolean acceptsIntegers(int input) {
    return true;
  }

  @Override
  public String derivativeRule() {
    return "dL/dx = g reshaped to x";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return "reshape(" + n.upstream() + " to the shape of " + n.input(0) + ")";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    inputShape = in[0].shape();
    return in[0].viewAs(resolve(inputShape, requested));
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {g.reshape(inputShape.dims())};
  }

  /** The shape {@code requested} means for a tensor of shape {@code from}, with {@code -1} inferred. */
  static Shape resolve(Shape from, int[] requested) {
    int[] dims = requested.clone();
    int inferred = -1;
    long known = 1; // the product of the given non-zero dimensions, kept within Shape.MAX_SIZE
    boolean zero = false;
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] == -1) {
        checkArgument(inferred < 0, "reshape: only one dimension can be -1 in %s", java.util.Arrays.toString(dims));
        inferred = i;
      } else {
        checkArgument(dims[i] >= 0, "reshape: dimension %s is %s in %s", i, dims[i], java.util.Arrays.toString(dims));
        zero |= dims[i] == 0;
        known = dims[i] == 0 ? known : Math.multiplyExact(known, dims[i]);
        checkArgument(known <= Shape.MAX_SIZE, "reshape: cannot reshape %s (%s elements) into %s: its dimensions"
            + " span more than the largest array (%s)", from, from.size(), java.util.Arrays.toString(requested),
            Shape.MAX_SIZE);
      }
    }
    if (inferred >= 0) {
      checkArgument(!zero && from.size() % known == 0, "reshape: cannot reshape %s (%s elements) into %s",
          from, from.size(), java.util.Arrays.toString(requested));
      dims[inferred] = (int) (from.size() / known);
    }
    Shape to = Shape.of(dims);
    checkArgument(to.size() == from.size(), "reshape: cannot reshape %s (%s elements) into %s (%s elements)",
        from, from.size(), to, to.size());
    return to;
  }
}
