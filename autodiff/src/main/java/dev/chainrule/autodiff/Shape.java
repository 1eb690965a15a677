package dev.chainrule.autodiff;

import static com.google.common.base.Preconditions.checkArgument;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * The dimensions of a tensor, outermost first; immutable. A scalar has rank 0 and size 1. Row-major strides
 * follow from the dimensions: the last axis is contiguous.
 *
 * <p>Every shape fits in a Java array: the product of its non-zero dimensions is at most {@link #MAX_SIZE}, so
 * its size, every stride and every flat index fit in an {@code int} (an empty shape such as {@code (0, n)} is
 * held to the same bound, so that its strides are right too). A shape beyond that is refused when it is made,
 * naming it, rather than wrapping around to a small or negative size.
 */
public final class Shape {
  /**
   * The most elements a tensor can hold: the largest array a JVM allocates ({@code Integer.MAX_VALUE - 8}, the
   * JDK's own soft limit; HotSpot refuses {@code Integer.MAX_VALUE} itself).
   */
  public static final int MAX_SIZE = Integer.MAX_VALUE - 8;

  private static final Shape SCALAR = new Shape(new int[0]);

  private final int[] dims;
  private final int size;

  private Shape(int[] dims) {
    this.dims = dims;
    this.size = count(dims);
  }

  /**
   * The number of elements of a shape with these dimensions (each at least 0).
   *
   * @throws IllegalArgumentException naming the shape when its non-zero dimensions span more than
   *     {@link #MAX_SIZE} elements
   */
  private static int count(int[] dims) {
    long span = 1; // the product of the non-zero dimensions: at most MAX_SIZE, so the next product fits a long
    boolean empty = false;
    for (int d : dims) {
      if (d == 0) {
        empty = true;
      } else {
        span = Math.multiplyExact(span, d);
        if (span > MAX_SIZE) {
          throw new IllegalArgumentException(tooLarge(dims, empty));
        }
      }
    }
    return empty ? 0 : (int) span;
  }

  private static String tooLarge(int[] dims, boolean empty) {
    BigInteger span = BigInteger.ONE;
    for (int d : dims) {
      span = d == 0 ? span : span.multiply(BigInteger.valueOf(d));
      empty |= d == 0;
    }
    return empty
        ? String.format("shape %s: its non-zero dimensions span %s elements, more than the largest array (%s), so"
            + " its strides would overflow", format(dims), span, MAX_SIZE)
        : String.format("shape %s has %s elements, more than the largest array (%s)", format(dims), span,
            MAX_SIZE);
  }

  /** A shape with these dimensions; each must be at least 0. */
  public static Shape of(int... dims) {
    for (int i = 0; i < dims.length; i++) {
      checkArgument(dims[i] >= 0, "shape %s: dimension %s is %s; dimensions must be >= 0", format(dims), i,
          dims[i]);
    }
    return dims.length == 0 ? SCALAR : new Shape(dims.clone());
  }

  /** The rank-0 shape {@code ()}. */
  public static Shape scalar() {
    return SCALAR;
  }

  public int rank() {
    return dims.length;
  }

  /** The number of elements, the product of the dimensions. */
  public int size() {
    return size;
  }

  /** Dimension {@code axis}; negative axes count from the end ({@code -1} is the last). */
  public int dim(int axis) {
    return dims[axis(axis, "dim")];
  }

  /** A copy of the dimensions. */
  public int[] dims() {
    return dims.clone();
  }

  /** Row-major strides in elements: {@code strides[i]} is the product of the dimensions after {@code i}. */
  public int[] strides() {
    int[] strides = new int[dims.length];
    int s = 1;
    for (int i = dims.length - 1; i >= 0; i--) {
      strides[i] = s;
      s = Math.multiplyExact(s, dims[i]); // never throws: the constructor bounds every partial product
    }
    return strides;
  }

  /**
   * Resolves a possibly negative axis against this rank.
   *
   * @param op the operation asking, named in the error
   * @throws IllegalArgumentException when the axis is outside {@code [-rank, rank)}
   */
  public int axis(int axis, String op) {
    int r = dims.length;
    checkArgument(axis >= -r && axis < r, "%s: axis %s is out of range for shape %s (rank %s)", op, axis, this, r);
    return axis < 0 ? axis + r : axis;
  }

  /**
   * The NumPy broadcast of two shapes: aligned from the right, each pair of dimensions must be equal or one of
   * them 1.
   *
   * @throws IllegalArgumentException naming {@code op}, both shapes and the offending dimension
   */
  public static Shape broadcast(String op, Shape a, Shape b) {
    if (a.equals(b)) {
      return a;
    }
    int rank = Math.max(a.rank(), b.rank());
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = i < rank - a.rank() ? 1 : a.dims[i - (rank - a.rank())];
      int db = i < rank - b.rank() ? 1 : b.dims[i - (rank - b.rank())];
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException(String.format(
            "%s: shapes %s and %s cannot be broadcast: the size of a (%d) must match the size of b (%d) at"
                + " dimension %d (counting from the right: %d)", op, a, b, da, db, i, rank - i));
      }
      out[i] = da == 1 ? db : da;
    }
    return new Shape(out);
  }

  /** Whether this shape broadcasts to {@code target} without changing {@code target}. */
  public boolean broadcastsTo(Shape target) {
    if (rank() > target.rank()) {
      return false;
    }
    int offset = target.rank() - rank();
    for (int i = 0; i < rank(); i++) {
      if (dims[i] != 1 && dims[i] != target.dims[i + offset]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape s && Arrays.equals(dims, s.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  /** Python-tuple style: {@code (2, 3)}, {@code (5,)} and {@code ()}. */
  @Override
  public String toString() {
    return format(dims);
  }

  /** {@code dims} as {@link #toString} writes a shape: {@code (2, 3)}, {@code (5,)} and {@code ()}. */
  public static String format(int... dims) {
    if (dims.length == 1) {
      return "(" + dims[0] + ",)";
    }
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < dims.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(dims[i]);
    }
    return sb.append(')').toString();
  }
}
