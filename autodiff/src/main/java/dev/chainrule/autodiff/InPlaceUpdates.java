package dev.chainrule.autodiff;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.kernel.BinaryOp;
import dev.chainrule.autodiff.kernel.Kernels;
import dev.chainrule.autodiff.ops.Compute;

/**
 * The bodies of {@link Tensor}'s {@code ...InPlace} methods: each checks that the target may change
 * ({@link Tensor#checkMutable}), brings every operand to the target's shape and type, runs one kernel pass that
 * overwrites the target's storage, and bumps its version. Operands of the target's shape and type are used as
 * they are, so an optimizer step allocates nothing; an operand that broadcasts or has the other type is copied
 * out first. An operand may be the target itself: every kernel reads element {@code i} before writing it.
 */
final class InPlaceUpdates {
  private static final Kernels KERNELS = Compute.kernels();

  private InPlaceUpdates() {}

  /** {@code t = beta * t + alpha * x}. */
  static Tensor axpby(String op, Tensor t, double beta, Tensor x, double alpha) {
    t.checkMutable(op);
    Tensor a = operand(op, t, x);
    if (t.dtype() == DType.FLOAT32) {
      KERNELS.axpby(alpha, a.rawFloats(), beta, t.rawFloats());
    } else {
      KERNELS.axpby(alpha, a.rawDoubles(), beta, t.rawDoubles());
    }
    return t.bumpVersion();
  }

  /** {@code t = t * x}. */
  static Tensor mul(String op, Tensor t, Tensor x) {
    return binary(op, BinaryOp.MUL, t, operand(op, t, x), false);
  }

  /** {@code t = t * c}. */
  static Tensor mul(String op, Tensor t, double c) {
    return binary(op, BinaryOp.MUL, t, Tensor.scalar(t.dtype(), c), true);
  }

  /** {@code t = max(t, x)}, NaN propagating. */
  static Tensor maximum(String op, Tensor t, Tensor x) {
    return binary(op, BinaryOp.MAX, t, operand(op, t, x), false);
  }

  /** {@code t = beta * t + value * a * b}. */
  static Tensor addcmul(String op, Tensor t, double beta, Tensor a, Tensor b, double value) {
    t.checkMutable(op);
    Tensor x = operand(op, t, a);
    Tensor y = operand(op, t, b);
    if (t.dtype() == DType.FLOAT32) {
      KERNELS.addcmul(beta, value, x.rawFloats(), y.rawFloats(), t.rawFloats());
    } else {
      KERNELS.addcmul(beta, value, x.rawDoubles(), y.rawDoubles(), t.rawDoubles());
    }
    return t.bumpVersion();
  }

  /** {@code t = t + value * a / b}. */
  static Tensor addcdiv(String op, Tensor t, Tensor a, Tensor b, double value) {
    t.checkMutable(op);
    Tensor x = operand(op, t, a);
    Tensor y = operand(op, t, b);
    if (t.dtype() == DType.FLOAT32) {
      KERNELS.addcdiv(value, x.rawFloats(), y.rawFloats(), t.rawFloats());
    } else {
      KERNELS.addcdiv(value, x.rawDoubles(), y.rawDoubles(), t.rawDoubles());
    }
    return t.bumpVersion();
  }

  /** {@code t = t + value * a / (sqrt(b) / divisor + eps)}. */
  static Tensor addcdivSqrt(String op, Tensor t, Tensor a, Tensor b, double value, double divisor, double eps) {
    t.checkMutable(op);
    Tensor x = operand(op, t, a);
    Tensor y = operand(op, t, b);
    if (t.dtype() == DType.FLOAT32) {
      KERNELS.addcdivSqrt(value, x.rawFloats(), y.rawFloats(), divisor, eps, t.rawFloats());
    } else {
      KERNELS.addcdivSqrt(value, x.rawDoubles(), y.rawDoubles(), divisor, eps, t.rawDoubles());
    }
    return t.bumpVersion();
  }

  /** {@code t = x}. */
  static Tensor copy(String op, Tensor t, Tensor x) {
    t.checkMutable(op);
    Tensor a = operand(op, t, x);
    System.arraycopy(Compute.storage(a), 0, Compute.storage(t), 0, t.size());
    return t.bumpVersion();
  }

  /** {@code t = op(t, x)} through the elementwise kernel writing into {@code t}'s own storage. */
  private static Tensor binary(String op, BinaryOp kernel, Tensor t, Tensor x, boolean scalar) {
    t.checkMutable(op);
    if (t.dtype() == DType.FLOAT32) {
      float[] y = t.rawFloats();
      KERNELS.binary(kernel, y, 0, false, x.rawFloats(), 0, scalar, y, 0, y.length);
    } else {
      double[] y = t.rawDoubles();
      KERNELS.binary(kernel, y, 0, false, x.rawDoubles(), 0, scalar, y, 0, y.length);
    }
    return t.bumpVersion();
  }

  /** {@code x} as a tensor of {@code t}'s shape and type: itself when it already is one, else a copy. */
  private static Tensor operand(String op, Tensor t, Tensor x) {
    checkNotNull(x, "%s: operand must not be null", op);
    checkArgument(x.shape().broadcastsTo(t.shape()), "%s: operand of shape %s does not broadcast to this"
        + " tensor's shape %s", op, x.shape(), t.shape());
    return Compute.broadcastTo(x, t.shape(), t.dtype());
  }
}
