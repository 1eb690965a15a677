package dev.chainrule.autodiff.ops;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.BinaryOp;
import dev.chainrule.autodiff.kernel.Kernels;
import dev.chainrule.autodiff.kernel.ReduceOp;
import dev.chainrule.autodiff.kernel.UnaryOp;

/**
 * The forward arithmetic shared by op classes: allocates the result and hands plain arrays to the
 * {@link Kernels}. Records nothing; op classes call it from {@code forward}.
 *
 * <p>Broadcasting reaches the kernels as runs: the output is cut into contiguous runs over its trailing axes
 * along which each operand is either fully present or a single repeated value, and each run is one kernel call.
 * Same-shape operands are one run; a bias row added to a matrix is one run per matrix row.
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

  /** The product of {@code dims[from..to)}. */
  public static int product(int[] dims, int from, int to) {
    checkArgument(from <= to, "product: from %s > to %s", from, to);
    int p = 1;
    for (int i = from; i < to; i++) {
      p *= dims[i];
    }
    return p;
  }
}
