package dev.chainrule.autodiff.ops;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;

/**
 * {@code y = x[..., start : start + length, ...]} along {@code axis}: the same shape as {@code x} except that
 * {@code axis} has {@code length} entries; requires {@code 0 <= start} and {@code start + length <= x.shape[axis]}.
 *
 * <p>{@code dL/dx = concat(axis, zeros(start), g, zeros(rest))}: the gradient padded with zeros back to
 * {@code x}'s extent (and {@link Concat}'s backward narrows again).
 */
public final class Narrow extends Function {
  private final int axis;
  private final int start;
  private final int length;
  private Shape inputShape;
  private int resolved;

  public Narrow(int axis, int start, int length) {
    this.axis = axis;
    this.start = start;
    this.length = length;
  }

  @Override
  protected boolean acceptsIntegers(int input) {
    return true;
  }

  @Override
  public String derivativeRule() {
    return "dL/dx = g padded with zeros";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return "pad(" + n.upstream() + ", axis=" + axis + ", start=" + start + ") with zeros to the shape of "
        + n.input(0);
  }

  @Override
  protected Tensor forward(Tensor... in) {
    inputShape = in[0].shape();
    resolved = inputShape.axis(axis, "narrow");
    int size = inputShape.dim(resolved);
    checkArgument(start >= 0 && length >= 0 && length <= size - start, "narrow: start %s and length %s are out"
        + " of range for axis %s of shape %s (size %s)", start, length, axis, inputShape, size);
    return IndexMaps.selectBlocks(in[0], resolved, IndexMaps.range(start, length));
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    int after = inputShape.dim(resolved) - start - length;
    Tensor before = Compute.allocate(g.dtype(), IndexMaps.withDim(inputShape, resolved, start));
    Tensor rest = Compute.allocate(g.dtype(), IndexMaps.withDim(inputShape, resolved, after));
    return new Tensor[] {Tensor.concat(resolved, before, g, rest)};
  }
}
