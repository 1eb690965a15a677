package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;

/**
 * PyTorch's gather: {@code y} has the shape of {@code index}, and {@code y[i][j][k] = x[index[i][j][k]][j][k]}
 * for {@code axis = 0} (the index replaces the coordinate along {@code axis}; likewise for other axes).
 * {@code index} is an INT64 tensor of the rank of {@code x}, no larger than {@code x} along any other axis, with
 * values in {@code [0, x.shape[axis])}. Inputs: {@code x}, {@code index}.
 *
 * <p>{@code dL/dx = scatterAdd(zeros like x, axis, index, g)} ({@link ScatterAdd}); the index gets no gradient.
 */
public final class Gather extends Function {
  private final int axis;
  private Shape inputShape;
  private Tensor index;
  private int resolved;

  public Gather(int axis) {
    this.axis = axis;
  }

  @Override
  protected boolean acceptsIntegers(int input) {
    return true;
  }

  @Override
  public String derivativeRule() {
    return "dL/dx = scatterAdd(g, axis, index)";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return input == 0 ? "scatterAdd(" + n.upstream() + ", axis=" + axis + ", " + n.input(1) + ")" : NO_GRADIENT;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    inputShape = in[0].shape();
    index = in[1];
    resolved = inputShape.axis(axis, "gather");
    return IndexMaps.take(in[0], index.shape(), IndexMaps.gather("gather", inputShape, resolved, index));
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {new ScatterAdd(resolved, inputShape).apply(g, index.detach()), null};
  }
}
