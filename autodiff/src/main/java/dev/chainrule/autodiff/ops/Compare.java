package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.BinaryOp;

/**
 * Elementwise comparisons, broadcast: 1 where the relation holds and 0 where it does not (NaN compares false,
 * except with {@code ne}), in the promoted type of the operands.
 *
 * <p>Not a {@link dev.chainrule.autodiff.Function}: a comparison is piecewise constant, its gradient is 0
 * almost everywhere, so its output is a constant that never records a node, even when an operand needs a
 * gradient. Use it as the mask of {@link Where} or as a constant factor in a backward rule.
 */
public final class Compare {
  private Compare() {}

  /** {@code a > b}. */
  public static Tensor gt(Tensor a, Tensor b) {
    return Compute.binary("gt", BinaryOp.GT, a, b);
  }

  /** {@code a >= b}. */
  public static Tensor ge(Tensor a, Tensor b) {
    return Compute.binary("ge", BinaryOp.GE, a, b);
  }

  /** {@code a < b}. */
  public static Tensor lt(Tensor a, Tensor b) {
    return Compute.binary("lt", BinaryOp.LT, a, b);
  }

  /** {@code a <= b}. */
  public static Tensor le(Tensor a, Tensor b) {
    return Compute.binary("le", BinaryOp.LE, a, b);
  }

  /** {@code a == b}. */
  public static Tensor eq(Tensor a, Tensor b) {
    return Compute.binary("eq", BinaryOp.EQ, a, b);
  }

  /** {@code a != b}. */
  public static Tensor ne(Tensor a, Tensor b) {
    return Compute.binary("ne", BinaryOp.NE, a, b);
  }

  /**
   * {@code mask}, broadcast with the operands, with NaN wherever one of {@code operands} is NaN: the mask of a
   * {@link Where}, or the factor of a backward rule, that must not turn a NaN operand into a number (a
   * comparison alone says false for NaN). Not recorded, like the comparisons.
   */
  public static Tensor keepNaN(Tensor mask, Tensor... operands) {
    Tensor out = mask;
    for (Tensor t : operands) {
      out = Compute.where("keepNaN", ne(t, t), Tensor.scalar(out.dtype(), Double.NaN), out);
    }
    return out;
  }
}
