package dev.chainrule.autodiff.ops;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;

/**
 * {@code y = zeros} with {@code size} entries along {@code axis}, then {@code y[..., indices[j], ...] +=
 * x[..., j, ...]}: {@code x} has {@code indices.length} entries along {@code axis}, {@code y} has {@code size};
 * the backward of {@link IndexSelect}.
 *
 * <p>{@code dL/dx = indexSelect(g, axis, indices)}.
 */
public final class IndexAdd extends Function {
  private final int axis;
  private final int[] indices;
  private final int size;

  public IndexAdd(int axis, int[] indices, int size) {
    this.axis = axis;
    this.indices = indices.clone();
    this.size = size;
  }

  @Override
  public String derivativeRule() {
    return "dL/dx = indexSelect(g, axis, indices)";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return "indexSelect(" + n.upstream() + ", axis=" + axis + ", indices)";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Shape shape = in[0].shape();
    int resolved = shape.axis(axis, "indexAdd");
    checkArgument(shape.dim(resolved) == indices.length, "indexAdd: source of shape %s has %s entries along axis"
        + " %s but there are %s indices", shape, shape.dim(resolved), axis, indices.length);
    for (int index : indices) {
      IndexMaps.checkIndex("indexAdd", index, resolved, size);
    }
    Shape outShape = IndexMaps.withDim(shape, resolved, size);
    return IndexMaps.scatterAdd(in[0], outShape, IndexMaps.alongAxis(outShape, resolved, indices));
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {g.indexSelect(axis, indices)};
  }
}
