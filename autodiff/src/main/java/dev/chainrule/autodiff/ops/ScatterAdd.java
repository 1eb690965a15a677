package dev.chainrule.autodiff.ops;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;

/**
 * PyTorch's scatter_add into zeros: {@code y = zeros(shape)}, then {@code y[index[i][j][k]][j][k] += x[i][j][k]}
 * for {@code axis = 0} (likewise for other axes); the backward of {@link Gather}. {@code x} and {@code index}
 * have the same shape, of the rank of {@code shape}. Inputs: {@code x}, {@code index}.
 *
 * <p>{@code dL/dx = gather(g, axis, index)}; the index gets no gradient.
 */
public final class ScatterAdd extends Function {
  private final int axis;
  private final Shape shape;
  private Tensor index;

  public ScatterAdd(int axis, Shape shape) {
    this.axis = axis;
    this.shape = shape;
  }

  @Override
  protected boolean acceptsIntegers(int input) {
    return input == 1;
  }

  @Override
  public String derivativeRule() {
    return "dL/dx = gather(g, axis, index)";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return input == 0 ? "gather(" + n.upstream() + ", axis=" + axis + ", " + n.input(1) + ")" : NO_GRADIENT;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    index = in[1];
    checkArgument(in[0].shape().equals(index.shape()), "scatterAdd: source of shape %s and index of shape %s"
        + " must have the same shape", in[0].shape(), index.shape());
    int resolved = shape.axis(axis, "scatterAdd");
    return IndexMaps.scatterAdd(in[0], shape, IndexMaps.gather("scatterAdd", shape, resolved, index));
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {g.gather(axis, index), null};
  }
}
