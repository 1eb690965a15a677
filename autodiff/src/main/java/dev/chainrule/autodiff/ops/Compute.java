package dev.chainrule.autodiff.ops;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.base.Verify;
import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.BinaryOp;
import dev.chainrule.autodiff.kernel.Kernels;
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

  /** A tensor of this shape and type over fresh zeroed storage. */
  public static Tensor allocate(DType dtype, Shape shape) {
    return dtype == DType.FLOAT32 ? Tensor.wrap(shape, new float[shape.size()])
        : Tensor.wrap(shape, new double[shape.size()]);
  }

  /** {@code out[i] = op(x[i]; p)}. */
  public static Tensor unary(UnaryOp op, double p, Tensor x) {
    Tensor out = allocate(x.dtype(), x.shape());
    if (x.dtype() == DType.FLOAT32) {
      KERNELS.unary(op, p, x.rawFloats(), 0, out.rawFloats(), 0, x.size());
    } else {
      KERNELS.unary(op, p, x.rawDoubles(), 0, out.rawDoubles(), 0, x.size());
    }
    return out;
  }

  /** {@code out = op(a, b)} with NumPy broadcasting and type promotion; {@code name} is used in errors. */
  public static Tensor binary(String name, BinaryOp op, Tensor a, Tensor b) {
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
      if (dtype == DType.FLOAT32) {
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
      if (dtype == DType.FLOAT32) {
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
    Tensor m = broadcastTo(mask, shape, dtype);
    Tensor x = broadcastTo(a, shape, dtype);
    Tensor y = broadcastTo(b, shape, dtype);
    Tensor out = allocate(dtype, shape);
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
      if (dtype == DType.FLOAT32) {
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

  /** Reduces one axis of {@code x} with {@code op}; the axis is kept with size 1. */
  public static Tensor reduce(ReduceOp op, Tensor x, int axis) {
    int[] dims = x.shape().dims();
    int r = dims[axis];
    int outer = product(dims, 0, axis);
    int inner = product(dims, axis + 1, dims.length);
    dims[axis] = 1;
    Tensor out = allocate(x.dtype(), Shape.of(dims));
    if (x.dtype() == DType.FLOAT32) {
      KERNELS.reduce(op, x.rawFloats(), outer, r, inner, out.rawFloats());
    } else {
      KERNELS.reduce(op, x.rawDoubles(), outer, r, inner, out.rawDoubles());
    }
    return out;
  }

  /** A copy of {@code x} in another type, not recorded. */
  public static Tensor convert(Tensor x, DType dtype) {
    if (dtype == DType.FLOAT64) {
      return Tensor.wrap(x.shape(), x.toDoubleArray());
    }
    return Tensor.wrap(x.shape(), x.toFloatArray());
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
