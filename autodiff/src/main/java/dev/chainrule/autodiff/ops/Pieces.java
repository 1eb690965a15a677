package dev.chainrule.autodiff.ops;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import java.util.Arrays;

/**
 * {@code chunk} and {@code split}: the sizes of the pieces an axis is cut into (PyTorch's rules, validated with
 * errors naming the op and the shape), and the pieces themselves, cut by one {@link Split}, so the pieces'
 * gradients reach the whole in one concatenation.
 */
public final class Pieces {
  private Pieces() {}

  /**
   * PyTorch's {@code chunk}: pieces of {@code ceil(size / n)} entries, the last one smaller, so there may be fewer
   * than {@code n} ({@code 6} into 4 gives {@code 2, 2, 2}); an axis of size 0 gives {@code n} empty pieces.
   */
  public static int[] chunkSizes(Shape shape, int axis, int n) {
    int a = shape.axis(axis, "chunk");
    checkArgument(n >= 1, "chunk: cannot cut axis %s of shape %s into %s pieces; n must be at least 1", axis, shape,
        n);
    int size = shape.dim(a);
    if (size == 0) {
      return new int[n];
    }
    return uniform(size, (int) (((long) size + n - 1) / n));
  }

  /**
   * PyTorch's {@code split} with one size: pieces of {@code size} entries, the last one smaller; {@code size} must
   * be at least 1 (0 only for an axis of size 0, which gives one empty piece).
   */
  public static int[] splitSizes(Shape shape, int axis, int size) {
    int a = shape.axis(axis, "split");
    int dim = shape.dim(a);
    checkArgument(size >= 1 || size == 0 && dim == 0, "split: piece size %s for axis %s of shape %s (size %s) must"
        + " be at least 1", size, axis, shape, dim);
    return dim == 0 ? new int[1] : uniform(dim, size);
  }

  /**
   * {@code x} cut along {@code axis} into consecutive pieces of {@code sizes} entries.
   *
   * @throws IllegalArgumentException naming {@code op} and the shape when a size is negative or the sizes do not
   *     add up to the axis's size
   */
  public static Tensor[] cut(String op, Tensor x, int axis, int[] sizes) {
    Shape shape = x.shape();
    int a = shape.axis(axis, op);
    long total = 0;
    for (int s : sizes) {
      checkArgument(s >= 0, "%s: sizes %s for axis %s of shape %s include a negative size", op,
          Arrays.toString(sizes), axis, shape);
      total += s;
    }
    checkArgument(total == shape.dim(a), "%s: sizes %s add up to %s but axis %s of shape %s has size %s", op,
        Arrays.toString(sizes), total, axis, shape, shape.dim(a));
    return Split.cut(x, a, sizes);
  }

  /** {@code total} cut into pieces of {@code piece}, the last one holding what is left. */
  private static int[] uniform(int total, int piece) {
    int[] sizes = new int[(int) (((long) total + piece - 1) / piece)];
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = Math.min(piece, total - i * piece);
    }
    return sizes;
  }
}
