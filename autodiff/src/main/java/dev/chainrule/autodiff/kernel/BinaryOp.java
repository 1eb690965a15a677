package dev.chainrule.autodiff.kernel;

/**
 * Elementwise functions of two arguments, {@code out[i] = f(a[i], b[i])}. Comparisons give 1 where true and
 * 0 where false.
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
  /** {@code b > 0 ? a : 0}: the gradient {@code a} of a ReLU whose input is {@code b}, in one pass. */
  RELU_BACKWARD
}
