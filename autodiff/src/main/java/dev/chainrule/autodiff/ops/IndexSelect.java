package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;

/**
 * {@code y[..., j, ...] = x[..., indices[j], ...]} along {@code axis}: the shape of {@code x} with
 * {@code indices.length} entries along {@code axis}; each index in {@code [0, x.shape[axis])}, repeats allowed.
 *
 * <p>{@code dL/dx = indexAdd(zeros like x, axis, indices, g)}: each {@code g[..., j, ...]} is added to row
 * {@code indices[j]}, so a row picked twice gets both gradients ({@link IndexAdd}).
 */
public final class IndexSelect extends Function {
  private final int axis;
  private final int[] indices;
  private Shape inputShape;
  private int resolved;

  public IndexSelect(int axis, int[] indices) {
    this.axis = axis;
    this.indices = indices.clone();
  }

  @Override
  protected boolean acceptsIntegers(int input) {
    return true;
  }

  @Override
  public String derivativeRule() {
    return "dL/dx = indexAdd(g, axis, indices)";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return "indexAdd(" + n.upstream() + ", axis=" + axis + ", indices)";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    inputShape = in[0].shape();
    resolved = inputShape.axis(axis, "indexSelect");
    for (int index : indices) {
      IndexMaps.checkIndex("indexSelect", index, resolved, inputShape.dim(resolved));
    }
    return IndexMaps.selectBlocks(in[0], resolved, indices);
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {new IndexAdd(resolved, indices, inputShape.dim(resolved)).apply(g)};
  }
}
