package dev.chainrule.autodiff.kernel;

/**
 * Elementwise functions of two arguments, {@code out[i] = f(a[i], b[i])}. Comparisons give 1 where true and
 * 0 where false (NaN compares false, and unequal); every other op gives NaN where an operand is NaN, except
 * {@code POW}'s {@code x^0 = 1} (IEEE 754).
 */
public enum BinaryOp {
  ADD,
  SUB,
  MUL,
  DIV,
  /** {@code a^b} */
  POW,
  MAX,
  MIN,
  GT,
  GE,
  LT,
  LE,
  EQ,
  NE,
  /**
   * {@code a * relu'(b)}: the gradient {@code a} of a ReLU whose input is {@code b}, in one pass; {@code a} where
   * {@code b > 0}, 0 where {@code b <= 0}, and NaN where either is NaN or where {@code b <= 0} and {@code a} is
   * infinite (see {@link ScalarMath}).
   */
  RELU_BACKWARD
}
