package dev.chainrule.nn.layers;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;
import java.util.Arrays;

/**
 * Splits axis {@code dim} into the axes {@code sizes}, row-major, as {@code torch.nn.Unflatten}: with dim 1 and
 * sizes {@code (C, H, W)}, {@code (N, C*H*W)} becomes {@code (N, C, H, W)}. One size may be -1, inferred from the
 * others. The inverse of {@link Flatten}; a reshape, so backward reshapes the gradient back.
 */
public final class Unflatten extends Module {
  private final int dim;
  private final int[] sizes;

  /** Splits axis {@code dim} (negative counts from the end) into {@code sizes}, their product its length. */
  public Unflatten(int dim, int... sizes) {
    checkNotNull(sizes, "Unflatten: sizes must not be null");
    checkArgument(sizes.length >= 1, "Unflatten: sizes must name at least one axis");
    int inferred = 0;
    for (int size : sizes) {
      checkArgument(size >= 1 || size == -1, "Unflatten: sizes %s must be positive or -1 (inferred)",
          Arrays.toString(sizes));
      inferred += size == -1 ? 1 : 0;
    }
    checkArgument(inferred <= 1, "Unflatten: sizes %s may hold at most one -1", Arrays.toString(sizes));
    this.dim = dim;
    this.sizes = sizes.clone();
  }

  @Override
  public Tensor forward(Tensor x) {
    int rank = x.rank();
    int axis = dim < 0 ? dim + rank : dim;
    checkArgument(axis >= 0 && axis < rank, "Unflatten: dim %s is not an axis of input of shape %s", dim,
        x.shape());
    int length = x.shape().dim(axis);
    int known = 1;
    for (int size : sizes) {
      known *= size == -1 ? 1 : size;
    }
    int[] split = sizes.clone();
    for (int i = 0; i < split.length; i++) {
      if (split[i] == -1) {
        checkArgument(length % known == 0, "Unflatten: axis %s of input of shape %s has length %s, not a multiple"
            + " of %s, the product of sizes %s", dim, x.shape(), length, known, Arrays.toString(sizes));
        split[i] = length / known;
        known = length;
      }
    }
    checkArgument(known == length, "Unflatten: axis %s of input of shape %s has length %s, but sizes %s multiply"
        + " to %s", dim, x.shape(), length, Arrays.toString(sizes), known);
    int[] dims = x.shape().dims();
    int[] shape = new int[rank - 1 + split.length];
    System.arraycopy(dims, 0, shape, 0, axis);
    System.arraycopy(split, 0, shape, axis, split.length);
    System.arraycopy(dims, axis + 1, shape, axis + split.length, rank - axis - 1);
    return x.reshape(shape);
  }

  @Override
  protected String extraRepr() {
    return "dim=" + dim + ", sizes=" + Shape.format(sizes);
  }
}
