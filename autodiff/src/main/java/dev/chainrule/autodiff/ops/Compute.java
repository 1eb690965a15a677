package dev.chainrule.autodiff.ops;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.base.Verify;
import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.BinaryOp;
import dev.chainrule.autodiff.kernel.Kernels;
import dev.chainrule.autodiff.kernel.LongKernels;
import dev.chainrule.autodiff.kernel.ReduceOp;
import dev.chainrule.autodiff.kernel.UnaryOp;
import java.util.Arrays;

/**
 * The forward arithmetic shared by op classes: allocates the result and hands plain arrays to the
 * {@link Kernels}. Records nothing; op classes call it from {@code forward}.
 *
 * <p>Broadcasting reaches the kernels as runs: the output is cut into contiguous runs over its trailing axes
 * along which each operand is either fully present or a single repeated value, and each run is one kernel call.
 * Same-shape operands are one run; a bias row added to a matrix is one run per matrix row. The three-operand
 * {@link #where} instead copies each operand out to the output's shape ({@link #broadcastTo}) and selects in one
 * pass, leaving the two-operand path untouched.
 */
public final class Compute {
  private static final Kernels KERNELS = Kernels.get();

  private Compute() {}

  /** The kernels in use. */
  public static Kernels kernels() {
    return KERNELS;
  }

  /** A tensor of this shape and type over fresh zeroed storage (false for BOOL). */
  public static Tensor allocate(DType dtype, Shape shape) {
    return switch (dtype) {
      case FLOAT32 -> Tensor.wrap(shape, new float[shape.size()]);
      case FLOAT64 -> Tensor.wrap(shape, new double[shape.size()]);
      case INT64 -> Tensor.wrap(shape, new long[shape.size()]);
      case BOOL -> Tensor.wrap(shape, new boolean[shape.size()]);
    };
  }

  /**
   * The storage array of {@code x} ({@code float[]}, {@code double[]}, {@code long[]} or {@code boolean[]}), for
   * code that only moves elements ({@code System.arraycopy}) and so works for every type alike.
   */
  public static Object storage(Tensor x) {
    return switch (x.dtype()) {
      case FLOAT32 -> x.rawFloats();
      case FLOAT64 -> x.rawDoubles();
      case INT64 -> x.rawLongs();
      case BOOL -> x.rawBooleans();
    };
  }

  /** {@code out[i] = op(x[i]; p)}; an INT64 or BOOL {@code x} (computed as INT64) has only NEG and ABS. */
  public static Tensor unary(UnaryOp op, double p, Tensor x) {
    if (!x.dtype().isFloatingPoint()) {
      Tensor in = x.dtype() == DType.INT64 ? x : convert(x, DType.INT64);
      Tensor out = allocate(DType.INT64, x.shape());
      LongKernels.unary(op.name().toLowerCase(java.util.Locale.ROOT), op, in.rawLongs(), out.rawLongs());
      return out;
    }
    Tensor out = allocate(x.dtype(), x.shape());
    if (x.dtype() == DType.FLOAT32) {
      KERNELS.unary(op, p, x.rawFloats(), 0, out.rawFloats(), 0, x.size());
    } else {
      KERNELS.unary(op, p, x.rawDoubles(), 0, out.rawDoubles(), 0, x.size());
    }
    return out;
  }

  /**
   * {@code out = op(a, b)} with NumPy broadcasting and type promotion; {@code name} is used in errors. A
   * comparison gives 1 and 0 in the computing type (see {@link #compare} for BOOL). Two BOOL operands: see
   * {@link #booleanBinary}.
   */
  public static Tensor binary(String name, BinaryOp op, Tensor a, Tensor b) {
    if (a.dtype() == DType.BOOL && b.dtype() == DType.BOOL) {
      return booleanBinary(name, op, a, b);
    }
    Shape shape = Shape.broadcast(name, a.shape(), b.shape());
    DType dtype = DType.promote(a.dtype(), b.dtype());
    Tensor x = a.dtype() == dtype ? a : convert(a, dtype);
    Tensor y = b.dtype() == dtype ? b : convert(b, dtype);
    Tensor out = allocate(dtype, shape);
    if (shape.size() == 0) {
      return out;
    }
    boolean aWhole = x.shape().equals(shape);
    boolean bWhole = y.shape().equals(shape);
    if ((aWhole || x.size() == 1) && (bWhole || y.size() == 1)) {
      // One run covers everything: equal shapes, or a single value against a whole tensor.
      if (dtype == DType.INT64) {
        LongKernels.binary(name, op, x.rawLongs(), 0, !aWhole, y.rawLongs(), 0, !bWhole, out.rawLongs(), 0,
            shape.size());
      } else if (dtype == DType.FLOAT32) {
        KERNELS.binary(op, x.rawFloats(), 0, !aWhole, y.rawFloats(), 0, !bWhole, out.rawFloats(), 0, shape.size());
      } else {
        KERNELS.binary(op, x.rawDoubles(), 0, !aWhole, y.rawDoubles(), 0, !bWhole, out.rawDoubles(), 0,
            shape.size());
      }
      return out;
    }
    BroadcastRuns runs = new BroadcastRuns(x.shape(), y.shape(), shape);
    for (int r = 0; r < runs.count(); r++) {
      int aOff = runs.offsetA(r);
      int bOff = runs.offsetB(r);
      int outOff = r * runs.length();
      if (dtype == DType.INT64) {
        LongKernels.binary(name, op, x.rawLongs(), aOff, runs.aRepeats(), y.rawLongs(), bOff, runs.bRepeats(),
            out.rawLongs(), outOff, runs.length());
      } else if (dtype == DType.FLOAT32) {
        KERNELS.binary(op, x.rawFloats(), aOff, runs.aRepeats(), y.rawFloats(), bOff, runs.bRepeats(),
            out.rawFloats(), outOff, runs.length());
      } else {
        KERNELS.binary(op, x.rawDoubles(), aOff, runs.aRepeats(), y.rawDoubles(), bOff, runs.bRepeats(),
            out.rawDoubles(), outOff, runs.length());
      }
    }
    return out;
  }

  /**
   * {@code op} on two BOOL operands, as PyTorch: ADD and MAX are a logical or, MUL and MIN a logical and, all
   * BOOL; a comparison compares false < true; SUB, DIV and POW are refused.
   */
  private static Tensor booleanBinary(String name, BinaryOp op, Tensor a, Tensor b) {
    checkArgument(op != BinaryOp.SUB && op != BinaryOp.DIV && op != BinaryOp.POW, "%s: not defined for two bool"
        + " tensors (shapes %s and %s); use logicalXor or logicalNot, or convert with to(DType.INT64)", name,
        a.shape(), b.shape());
    Tensor out = binary(name, op, convert(a, DType.INT64), convert(b, DType.INT64));
    boolean logical = op == BinaryOp.ADD || op == BinaryOp.MUL || op == BinaryOp.MAX || op == BinaryOp.MIN;
    return logical ? convert(out, DType.BOOL) : out;
  }

  /**
   * The comparison {@code op} (GT, GE, LT, LE, EQ, NE) of {@code a} and {@code b}, broadcast, computed in their
   * promoted type, as a BOOL tensor. NaN compares false except with NE.
   */
  public static Tensor compare(String name, BinaryOp op, Tensor a, Tensor b) {
    return convert(binary(name, op, a, b), DType.BOOL);
  }

  /**
   * {@code out = mask != 0 ? a : b}, elementwise, with NumPy broadcasting of all three operands; {@code a} and
   * {@code b} promote as in {@link #binary}, the mask's type does not matter (any nonzero value selects
   * {@code a}). A NaN mask element gives NaN: which operand it meant is unknown, and NaN is never turned into a
   * number. {@code name} is used in errors.
   */
  public static Tensor where(String name, Tensor mask, Tensor a, Tensor b) {
    Shape shape;
    try {
      shape = Shape.broadcast(name, Shape.broadcast(name, mask.shape(), a.shape()), b.shape());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(String.format("%s: mask, a and b of shapes %s, %s and %s cannot be"
          + " broadcast together (%s)", name, mask.shape(), a.shape(), b.shape(), e.getMessage()), e);
    }
    DType dtype = DType.promote(a.dtype(), b.dtype());
    Tensor x = broadcastTo(a, shape, dtype);
    Tensor y = broadcastTo(b, shape, dtype);
    Tensor out = allocate(dtype, shape);
    if (!dtype.isFloatingPoint() || mask.dtype() == DType.BOOL) {
      selectExactly(broadcastTo(mask, shape, DType.BOOL).rawBooleans(), x, y, out);
      return out;
    }
    Tensor m = broadcastTo(mask, shape, dtype);
    // The kernels have no select: one plain pass over three arrays of the output's shape (memory-bound anyway).
    if (dtype == DType.FLOAT32) {
      float[] mv = m.rawFloats();
      float[] xv = x.rawFloats();
      float[] yv = y.rawFloats();
      float[] ov = out.rawFloats();
      for (int i = 0; i < ov.length; i++) {
        float selector = mv[i];
        ov[i] = selector == 0 ? yv[i] : selector == selector ? xv[i] : Float.NaN;
      }
    } else {
      double[] mv = m.rawDoubles();
      double[] xv = x.rawDoubles();
      double[] yv = y.rawDoubles();
      double[] ov = out.rawDoubles();
      for (int i = 0; i < ov.length; i++) {
        double selector = mv[i];
        ov[i] = selector == 0 ? yv[i] : selector == selector ? xv[i] : Double.NaN;
      }
    }
    return out;
  }

  /** {@code out[i] = mask[i] ? x[i] : y[i]}, for operands of one shape and type (any type). */
  private static void selectExactly(boolean[] mask, Tensor x, Tensor y, Tensor out) {
    Object xs = storage(x);
    Object ys = storage(y);
    Object os = storage(out);
    // Runs of equal mask values are copied whole: a mask is mostly long runs (padding, causal triangles).
    int i = 0;
    while (i < mask.length) {
      int j = i;
      while (j < mask.length && mask[j] == mask[i]) {
        j++;
      }
      System.arraycopy(mask[i] ? xs : ys, i, os, i, j - i);
      i = j;
    }
  }

  /**
   * {@code x} broadcast to {@code target} (NumPy rules) in type {@code dtype}, as an exact copy: values, signed
   * zeros and NaNs are kept. Returns {@code x} itself when neither shape nor type changes.
   */
  public static Tensor broadcastTo(Tensor x, Shape target, DType dtype) {
    Verify.verify(x.shape().broadcastsTo(target), "broadcastTo: %s does not broadcast to %s", x.shape(), target);
    Tensor src = x.dtype() == dtype ? x : convert(x, dtype);
    if (src.shape().equals(target)) {
      return src;
    }
    Tensor out = allocate(dtype, target);
    if (target.size() == 0) {
      return out;
    }
    BroadcastRuns runs = new BroadcastRuns(src.shape(), target, target);
    int n = runs.length();
    for (int r = 0; r < runs.count(); r++) {
      int from = runs.offsetA(r);
      int to = r * n;
      if (!dtype.isFloatingPoint()) {
        if (runs.aRepeats()) {
          fillExactly(src, from, out, to, n);
        } else {
          System.arraycopy(storage(src), from, storage(out), to, n);
        }
      } else if (dtype == DType.FLOAT32) {
        if (runs.aRepeats()) {
          Arrays.fill(out.rawFloats(), to, to + n, src.rawFloats()[from]);
        } else {
          System.arraycopy(src.rawFloats(), from, out.rawFloats(), to, n);
        }
      } else if (runs.aRepeats()) {
        Arrays.fill(out.rawDoubles(), to, to + n, src.rawDoubles()[from]);
      } else {
        System.arraycopy(src.rawDoubles(), from, out.rawDoubles(), to, n);
      }
    }
    return out;
  }

  private static void fillExactly(Tensor src, int from, Tensor out, int to, int n) {
    if (src.dtype() == DType.INT64) {
      Arrays.fill(out.rawLongs(), to, to + n, src.rawLongs()[from]);
    } else {
      Arrays.fill(out.rawBooleans(), to, to + n, src.rawBooleans()[from]);
    }
  }

  /**
   * Reduces one axis of {@code x} with {@code op}; the axis is kept with size 1. INT64 and BOOL (counted as 1 and
   * 0) reduce exactly into INT64.
   */
  public static Tensor reduce(ReduceOp op, Tensor x, int axis) {
    int[] dims = x.shape().dims();
    int r = dims[axis];
    int outer = product(dims, 0, axis);
    int inner = product(dims, axis + 1, dims.length);
    dims[axis] = 1;
    if (!x.dtype().isFloatingPoint()) {
      Tensor in = x.dtype() == DType.INT64 ? x : convert(x, DType.INT64);
      Tensor out = allocate(DType.INT64, Shape.of(dims));
      LongKernels.reduce(op.name().toLowerCase(java.util.Locale.ROOT), op, in.rawLongs(), outer, r, inner,
          out.rawLongs());
      return out;
    }
    Tensor out = allocate(x.dtype(), Shape.of(dims));
    if (x.dtype() == DType.FLOAT32) {
      KERNELS.reduce(op, x.rawFloats(), outer, r, inner, out.rawFloats());
    } else {
      KERNELS.reduce(op, x.rawDoubles(), outer, r, inner, out.rawDoubles());
    }
    return out;
  }

  /**
   * A copy of {@code x} in another type, not recorded: to a floating type rounds to nearest, to INT64 truncates
   * toward zero (NaN and infinities refused), to BOOL is {@code x != 0}.
   */
  public static Tensor convert(Tensor x, DType dtype) {
    return switch (dtype) {
      case FLOAT32 -> Tensor.wrap(x.shape(), x.toFloatArray());
      case FLOAT64 -> Tensor.wrap(x.shape(), x.toDoubleArray());
      case INT64 -> Tensor.wrap(x.shape(), x.toLongArray());
      case BOOL -> Tensor.wrap(x.shape(), x.toBooleanArray());
    };
  }

  /**
   * The product of {@code dims[from..to)}, exact: for the dimensions of a {@link Shape} it always fits, since a
   * shape bounds the product of its non-zero dimensions.
   *
   * @throws ArithmeticException if it does not fit in an {@code int}
   */
  public static int product(int[] dims, int from, int to) {
    checkArgument(from <= to, "product: from %s > to %s", from, to);
    int p = 1;
    for (int i = from; i < to; i++) {
      p = Math.multiplyExact(p, dims[i]);
    }
    return p;
  }
}
