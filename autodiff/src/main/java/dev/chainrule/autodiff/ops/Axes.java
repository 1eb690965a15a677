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
