package dev.chainrule.autodiff.ops;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Shape;

/**
 * The shape arithmetic of the movement compositions (transpose, flatten, squeeze, unsqueeze): each returns the
 * argument for {@code permute} or {@code reshape}, validating axes with errors that name the op and the shape.
 */
public final class Movement {
  private Movement() {}

  /** The permutation of {@code 0..rank-1} that swaps {@code axis0} and {@code axis1}. */
  public static int[] swap(Shape shape, int axis0, int axis1) {
    int a = shape.axis(axis0, "transpose");
    int b = shape.axis(axis1, "transpose");
    int[] perm = new int[shape.rank()];
    for (int i = 0; i < perm.length; i++) {
      perm[i] = i == a ? b : i == b ? a : i;
    }
    return perm;
  }

  /** {@code shape} with axes {@code start..end} (inclusive) merged into one. */
  public static int[] flatten(Shape shape, int start, int end) {
    if (shape.rank() == 0) {
      checkArgument(start == 0 || start == -1, "flatten: start axis %s is out of range for shape ()", start);
      checkArgument(end == 0 || end == -1, "flatten: end axis %s is out of range for shape ()", end);
      return new int[] {1};
    }
    int s = shape.axis(start, "flatten");
    int e = shape.axis(end, "flatten");
    checkArgument(s <= e, "flatten: start axis %s comes after end axis %s for shape %s", start, end, shape);
    int[] dims = shape.dims();
    int[] out = new int[dims.length - (e - s)];
    for (int i = 0; i < out.length; i++) {
      out[i] = i < s ? dims[i] : i == s ? Compute.product(dims, s, e + 1) : dims[i + e - s];
    }
    return out;
  }

  /** {@code shape} without {@code axis}, which must have size 1. */
  public static int[] squeeze(Shape shape, int axis) {
    int a = shape.axis(axis, "squeeze");
    checkArgument(shape.dim(a) == 1, "squeeze: axis %s of shape %s has size %s, not 1", axis, shape, shape.dim(a));
    int[] dims = shape.dims();
    int[] out = new int[dims.length - 1];
    for (int i = 0; i < out.length; i++) {
      out[i] = dims[i < a ? i : i + 1];
    }
    return out;
  }

  /** {@code shape} with a new axis of size 1 at {@code axis}, which lies in {@code [-rank - 1, rank]}. */
  public static int[] unsqueeze(Shape shape, int axis) {
    int r = shape.rank();
    checkArgument(axis >= -r - 1 && axis <= r, "unsqueeze: axis %s is out of range for shape %s (rank %s; a new"
        + " axis goes in [%s, %s])", axis, shape, r, -r - 1, r);
    int a = axis < 0 ? axis + r + 1 : axis;
    int[] dims = shape.dims();
    int[] out = new int[r + 1];
    for (int i = 0; i <= r; i++) {
      out[i] = i < a ? dims[i] : i == a ? 1 : dims[i - 1];
    }
    return out;
  }
}
