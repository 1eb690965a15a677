package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.BinaryOp;

/**
 * Elementwise comparisons, broadcast, computed in the promoted type of the operands: a BOOL tensor, true where the
 * relation holds (NaN compares false, except with {@code ne}).
 *
 * <p>Not a {@link dev.chainrule.autodiff.Function}: a comparison is piecewise constant, its gradient is 0
 * almost everywhere, so its output is a constant that never records a node, even when an operand needs a
 * gradient. Use it as the mask of {@link Where} or as a constant factor in a backward rule.
 */
public final class Compare {
  private Compare() {}

  /** {@code a > b}. */
  public static Tensor gt(Tensor a, Tensor b) {
    return Compute.compare("gt", BinaryOp.GT, a, b);
  }

  /** {@code a >= b}. */
  public static Tensor ge(Tensor a, Tensor b) {
    return Compute.compare("ge", BinaryOp.GE, a, b);
  }

  /** {@code a < b}. */
  public static Tensor lt(Tensor a, Tensor b) {
    return Compute.compare("lt", BinaryOp.LT, a, b);
  }

  /** {@code a <= b}. */
  public static Tensor le(Tensor a, Tensor b) {
    return Compute.compare("le", BinaryOp.LE, a, b);
  }

  /** {@code a == b}. */
  public static Tensor eq(Tensor a, Tensor b) {
    return Compute.compare("eq", BinaryOp.EQ, a, b);
  }

  /** {@code a != b}. */
  public static Tensor ne(Tensor a, Tensor b) {
    return Compute.compare("ne", BinaryOp.NE, a, b);
  }

  /** {@code a and b}, elementwise and broadcast, of BOOL operands. */
  public static Tensor logicalAnd(Tensor a, Tensor b) {
    return Compute.binary("logicalAnd", BinaryOp.MUL, bool("logicalAnd", a), bool("logicalAnd", b));
  }

  /** {@code a or b}, elementwise and broadcast, of BOOL operands. */
  public static Tensor logicalOr(Tensor a, Tensor b) {
    return Compute.binary("logicalOr", BinaryOp.MAX, bool("logicalOr", a), bool("logicalOr", b));
  }

  /** {@code a xor b}, elementwise and broadcast, of BOOL operands. */
  public static Tensor logicalXor(Tensor a, Tensor b) {
    return ne(bool("logicalXor", a), bool("logicalXor", b));
  }

  /** {@code not a}, elementwise, of a BOOL operand. */
  public static Tensor logicalNot(Tensor a) {
    return eq(bool("logicalNot", a), Tensor.scalar(DType.BOOL, 0));
  }

  private static Tensor bool(String op, Tensor t) {
    com.google.common.base.Preconditions.checkArgument(t.dtype() == DType.BOOL, "%s: operand of shape %s is %s;"
        + " logical ops take bool tensors (convert with ne(0) or to(DType.BOOL))", op, t.shape(), t.dtype());
    return t;
  }

  /**
   * {@code mask}, broadcast with the operands, with NaN wherever one of {@code operands} is NaN: the mask of a
   * {@link Where}, or the factor of a backward rule, that must not turn a NaN operand into a number (a
   * comparison alone says false for NaN). Not recorded, like the comparisons.
   */
  public static Tensor keepNaN(Tensor mask, Tensor... operands) {
    DType floating = null;
    for (Tensor t : operands) {
      if (t.dtype().isFloatingPoint()) {
        floating = floating == null ? t.dtype() : DType.promote(floating, t.dtype());
      }
    }
    if (floating == null) {
      return mask; // integer operands hold no NaN
    }
    Tensor out = Compute.convert(mask, floating);
    for (Tensor t : operands) {
      if (t.dtype().isFloatingPoint()) {
        out = Compute.where("keepNaN", ne(t, t), Tensor.scalar(floating, Double.NaN), out);
      }
    }
    return out;
  }
}
