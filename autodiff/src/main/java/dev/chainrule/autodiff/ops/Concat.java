package dev.chainrule.autodiff.ops;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;

/**
 * {@code y = [x_0, x_1, ...]} joined along {@code axis}: all inputs have the same rank and the same dimensions
 * except along {@code axis}, where {@code y} has the sum of theirs. Mixed types compute in FLOAT64.
 *
 * <p>{@code dL/dx_i = narrow(g, axis, offset_i, x_i.shape[axis])}, where {@code offset_i} is the extent of the
 * inputs before {@code x_i} (and {@link Narrow}'s backward concatenates again).
 */
public final class Concat extends Function {
  private final int axis;
  private int resolved;
  private int[] offsets;

  public Concat(int axis) {
    this.axis = axis;
  }

  @Override
  protected boolean acceptsIntegers(int input) {
    return true;
  }

  @Override
  public String derivativeRule() {
    return "dL/dx_i = narrow(g, axis, offset_i, len_i)";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return "narrow(" + n.upstream() + ", axis=" + axis + ", the part of " + n.input(input) + ")";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    checkArgument(in.length > 0, "concat: no tensors to concatenate");
    Shape first = in[0].shape();
    resolved = first.axis(axis, "concat");
    offsets = new int[in.length + 1];
    long extent = 0;
    DType dtype = in[0].dtype();
    for (int t = 0; t < in.length; t++) {
      Shape s = in[t].shape();
      checkArgument(s.rank() == first.rank(), "concat: tensor %s has shape %s, of another rank than tensor 0's"
          + " shape %s", t, s, first);
      for (int d = 0; d < s.rank(); d++) {
        checkArgument(d == resolved || s.dim(d) == first.dim(d), "concat: shapes %s (tensor 0) and %s (tensor %s)"
            + " differ at dimension %s (%s != %s); only axis %s may differ", first, s, t, d, first.dim(d),
            s.dim(d), resolved);
      }
      extent += s.dim(resolved);
      checkArgument(extent <= Integer.MAX_VALUE, "concat: the sizes along axis %s add up to more than %s by"
          + " tensor %s (shape %s)", resolved, Integer.MAX_VALUE, t, s);
      offsets[t + 1] = (int) extent;
      dtype = DType.promote(dtype, in[t].dtype());
    }
    Tensor out = Compute.allocate(dtype, IndexMaps.withDim(first, resolved, offsets[in.length]));
    int[] dims = first.dims();
    int outer = Compute.product(dims, 0, resolved);
    int inner = Compute.product(dims, resolved + 1, dims.length);
    int outRow = offsets[in.length] * inner;
    Object target = Compute.storage(out);
    for (int t = 0; t < in.length; t++) {
      Tensor x = in[t].dtype() == dtype ? in[t] : Compute.convert(in[t], dtype);
      Object source = Compute.storage(x);
      int row = (offsets[t + 1] - offsets[t]) * inner;
      for (int o = 0; o < outer; o++) {
        System.arraycopy(source, o * row, target, o * outRow + offsets[t] * inner, row);
      }
    }
    return out;
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    Tensor[] grads = new Tensor[offsets.length - 1];
    for (int t = 0; t < grads.length; t++) {
      grads[t] = g.narrow(resolved, offsets[t], offsets[t + 1] - offsets[t]);
    }
    return grads;
  }
}
