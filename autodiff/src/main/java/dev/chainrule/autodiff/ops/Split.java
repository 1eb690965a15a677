package dev.chainrule.autodiff.ops;

import com.google.common.base.Verify;
import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import java.util.Arrays;

/**
 * The shared half of {@code split}, {@code chunk} and {@code unbind}: {@code x} cut along {@code axis} into
 * consecutive pieces {@code y_k = x[offset_k : offset_k + size_k]} ({@link SplitPiece}), whose gradients reach
 * {@code x} in one concatenation,
 * {@code dL/dx = concat(axis, dL/dy_0, ..., dL/dy_{n-1})}, a piece that got no gradient contributing zeros. Cutting
 * with {@link Narrow} instead pads each piece's gradient to the whole of {@code x} and sums the {@code n}
 * paddings, {@code O(n |x|)} work; with one piece per time step of a recurrent layer that is quadratic in the
 * sequence length, this is linear.
 *
 * <p>Nodes have one output, so the pieces meet here through a token: this op's output is a scalar 0 that every
 * piece takes as an extra input beside {@code x}. A piece's backward files its {@code g} with this op and sends
 * {@code x} nothing and the token a 0. The token's node comes before every piece's in the graph, so a backward
 * walk reaches this op after every piece reached has filed; it sends {@code x} the concatenation and forgets
 * what was filed, ready for the next walk of a retained graph. Differentiable again under {@code CREATE_GRAPH}
 * (the concatenation of the filed gradients is recorded).
 */
public final class Split extends Function {
  private final int axis;
  private final int[] sizes;
  private final Tensor[] filed;
  private Shape inputShape;
  private DType dtype;

  /** {@code axis} resolved (non-negative); the sizes must add up to the axis's size (see {@link Pieces#cut}). */
  public Split(int axis, int[] sizes) {
    this.axis = axis;
    this.sizes = sizes.clone();
    this.filed = new Tensor[sizes.length];
  }

  /**
   * {@code x} cut along the resolved {@code axis} into consecutive pieces of {@code sizes} entries, which must add
   * up to the axis's size; the gradient is as in the class comment.
   */
  static Tensor[] cut(Tensor x, int axis, int[] sizes) {
    Split split = new Split(axis, sizes);
    Tensor token = split.apply(x);
    Tensor[] pieces = new Tensor[sizes.length];
    int offset = 0;
    for (int k = 0; k < sizes.length; k++) {
      pieces[k] = new SplitPiece(split, k, axis, offset, sizes[k]).apply(token, x);
      offset += sizes[k];
    }
    return pieces;
  }

  /** Called by piece {@code k}'s backward with its upstream gradient. */
  void file(int k, Tensor g) {
    Verify.verify(filed[k] == null, "Split: piece %s filed a gradient twice in one backward walk", k);
    filed[k] = g;
  }

  @Override
  protected boolean acceptsIntegers(int input) {
    return true;
  }

  @Override
  public String derivativeRule() {
    return "dL/dx = concat of the pieces' gradients";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return "concat(axis=" + axis + ", the gradients of the " + sizes.length + " pieces, zeros for a piece that got"
        + " none)";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    inputShape = in[0].shape();
    dtype = in[0].dtype();
    return Tensor.scalar(dtype, 0);
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    Tensor[] parts = new Tensor[sizes.length];
    for (int k = 0; k < sizes.length; k++) {
      parts[k] = filed[k] != null ? filed[k] : Compute.allocate(dtype, IndexMaps.withDim(inputShape, axis, sizes[k]));
    }
    Arrays.fill(filed, null);
    return new Tensor[] {Tensor.concat(axis, parts)};
  }
}
