package dev.chainrule.autodiff.ops;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Shape;

/** Resolving the axes argument of reductions: negative axes, duplicates, the shape that results. */
public final class Axes {
  private Axes() {}

  /**
   * Which axes of {@code shape} are named by {@code axes} (negative counts from the end).
   *
   * @throws IllegalArgumentException naming {@code op} for an axis out of range or named twice
   */
  public static boolean[] resolve(String op, Shape shape, int[] axes) {
    boolean[] reduced = new boolean[shape.rank()];
    for (int axis : axes) {
      int a = shape.axis(axis, op);
      checkArgument(!reduced[a], "%s: axis %s is given twice for shape %s", op, axis, shape);
      reduced[a] = true;
    }
    return reduced;
  }

  /**
   * Refuses to reduce an empty axis with an op that has no value for no elements (max, min, argmax, argmin).
   *
   * @throws IllegalArgumentException naming {@code op}, the axis and the shape when {@code reduced} and the axis
   *     has size 0
   */
  public static void checkNotEmpty(String op, Shape shape, int axis, boolean reduced) {
    if (reduced && shape.dim(axis) == 0) {
      throw new IllegalArgumentException(String.format("%s: axis %s of shape %s has size 0; the %s of no elements"
          + " is undefined", op, axis, shape, op));
    }
  }

  /** The shape after reducing the marked axes: removed, or kept with size 1 when {@code keepDims}. */
  public static Shape reducedShape(Shape shape, boolean[] reduced, boolean keepDims) {
    int[] dims = shape.dims();
    int kept = 0;
    for (int i = 0; i < dims.length; i++) {
      if (!reduced[i] || keepDims) {
        dims[kept++] = reduced[i] ? 1 : dims[i];
      }
    }
    return Shape.of(java.util.Arrays.copyOf(dims, kept));
  }
}
