package dev.chainrule.autodiff.ops.pool;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.base.Verify;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import java.util.Arrays;

/**
 * PyTorch's {@code F.pad} for 1-D and 2-D spatial padding: {@code pads} is {@code (left, right)} for the last
 * axis or {@code (left, right, top, bottom)} for the last two, in that order, over a tensor of any leading
 * axes. A negative pad crops that side, as in PyTorch, in every mode.
 *
 * <ul>
 *   <li>{@link PadMode#CONSTANT}: {@link ConstantPad} (after a {@code narrow} for negative pads); backward
 *       narrows {@code g} back.
 *   <li>{@link PadMode#REFLECT}, {@link PadMode#REPLICATE}: one {@link TakeAt} whose map sends each output
 *       position to its source, {@code i < 0 -> -i} and {@code i >= n -> 2(n-1) - i} (reflect) or
 *       {@code clamp(i, 0, n-1)} (replicate); backward sums {@code g} back into the sources ({@link ScatterAt}).
 *       Reflect needs each pad smaller than the size of its axis, replicate a non-empty axis.
 * </ul>
 */
public final class Pad {
  private Pad() {}

  /** {@code x} padded by {@code pads} in {@code mode}; constant mode pads with 0. */
  public static Tensor pad(Tensor x, PadMode mode, int... pads) {
    return mode == PadMode.CONSTANT ? constant(x, 0, pads) : indexed(x, mode, pads);
  }

  /** {@code x} padded by {@code pads} with {@code value}; negative pads crop. */
  public static Tensor constant(Tensor x, double value, int... pads) {
    Shape shape = check(x, PadMode.CONSTANT, pads);
    Tensor cropped = x;
    int[] grow = new int[pads.length];
    for (int side = 0; side < pads.length; side++) {
      int axis = -1 - side / 2;
      if (pads[side] < 0) {
        int size = cropped.shape().dim(cropped.rank() + axis);
        cropped = side % 2 == 0 ? cropped.narrow(axis, -pads[side], size + pads[side])
            : cropped.narrow(axis, 0, size + pads[side]);
      }
      grow[side] = Math.max(0, pads[side]);
    }
    Tensor y = new ConstantPad(grow, value).apply(cropped);
    Verify.verify(y.shape().equals(shape), "pad: made %s, expected %s", y.shape(), shape);
    return y;
  }

  private static Tensor indexed(Tensor x, PadMode mode, int[] pads) {
    Shape out = check(x, mode, pads);
    int[] dims = x.shape().dims();
    int rank = dims.length;
    int w = dims[rank - 1];
    int h = pads.length == 4 ? dims[rank - 2] : 1;
    int ow = out.dim(rank - 1);
    int oh = pads.length == 4 ? out.dim(rank - 2) : 1;
    int top = pads.length == 4 ? pads[2] : 0;
    int planes = x.size() / (h * w);
    int[] rowSource = new int[oh];
    for (int i = 0; i < oh; i++) {
      rowSource[i] = source(mode, i - top, h);
    }
    int[] colSource = new int[ow];
    for (int j = 0; j < ow; j++) {
      colSource[j] = source(mode, j - pads[0], w);
    }
    int[] map = new int[planes * oh * ow];
    int e = 0;
    for (int p = 0; p < planes; p++) {
      for (int i = 0; i < oh; i++) {
        int line = (p * h + rowSource[i]) * w;
        for (int j = 0; j < ow; j++) {
          map[e++] = line + colSource[j];
        }
      }
    }
    return new TakeAt(map, out).apply(x);
  }

  /** The source coordinate of coordinate {@code i} of an axis of size {@code n}, padded in {@code mode}. */
  private static int source(PadMode mode, int i, int n) {
    if (mode == PadMode.REPLICATE) {
      return Math.min(Math.max(i, 0), n - 1);
    }
    return i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i;
  }

  /** Refuses what PyTorch refuses; returns the padded shape. */
  private static Shape check(Tensor x, PadMode mode, int[] pads) {
    Shape shape = x.shape();
    String what = "pad: input of shape " + shape + ", pads " + Arrays.toString(pads) + ", mode " + mode;
    checkArgument(pads.length == 2 || pads.length == 4, "%s: pads must be (left, right) or (left, right, top,"
        + " bottom)", what);
    checkArgument(shape.rank() >= pads.length / 2, "%s: %s-D padding needs at least %s axes", what,
        pads.length / 2, pads.length / 2);
    int[] dims = shape.dims();
    for (int side = 0; side < pads.length; side += 2) {
      int axis = dims.length - 1 - side / 2;
      int n = dims[axis];
      int size = n + pads[side] + pads[side + 1];
      checkArgument(mode != PadMode.REFLECT || Math.max(pads[side], pads[side + 1]) < n, "%s: reflect padding"
          + " (%s, %s) must be less than the size %s of axis %s", what, pads[side], pads[side + 1], n, axis);
      checkArgument(mode != PadMode.REPLICATE || n > 0, "%s: replicate padding of the empty axis %s", what, axis);
      checkArgument(size >= (mode == PadMode.CONSTANT ? 0 : 1), "%s: axis %s of size %s would have size %s", what,
          axis, n, size);
      dims[axis] = size;
    }
    return Shape.of(dims);
  }
}
