package dev.chainrule.autodiff.kernel;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The one-element definitions of the in-place update kernels, in the precision of the array: a float kernel
 * rounds its scalar coefficients to float once and computes in float, in exactly the order written here, so the
 * vector loops (same operations, same order, no fused multiply-add) give bit-identical results.
 */
final class UpdateMath {
  private UpdateMath() {}

  /** The caller's check at the entry of an update kernel: every operand has the length of {@code y}. */
  static void checkLengths(String op, int y, int a, int b) {
    checkArgument(a == y && b == y, "%s: operands of lengths %s and %s for an array of length %s", op, a, b, y);
  }

  /** {@code alpha * x + beta * y}. */
  static float axpby(float alpha, float x, float beta, float y) {
    return alpha * x + beta * y;
  }

  static double axpby(double alpha, double x, double beta, double y) {
    return alpha * x + beta * y;
  }

  /** {@code beta * y + value * a * b}. */
  static float addcmul(float beta, float value, float a, float b, float y) {
    return beta * y + value * a * b;
  }

  static double addcmul(double beta, double value, double a, double b, double y) {
    return beta * y + value * a * b;
  }

  /** {@code y + value * a / b}. */
  static float addcdiv(float value, float a, float b, float y) {
    return y + value * a / b;
  }

  static double addcdiv(double value, double a, double b, double y) {
    return y + value * a / b;
  }

  /** {@code y + value * a / (sqrt(b) / divisor + eps)}. */
  static float addcdivSqrt(float value, float a, float b, float divisor, float eps, float y) {
    return y + value * a / ((float) Math.sqrt(b) / divisor + eps);
  }

  static double addcdivSqrt(double value, double a, double b, double divisor, double eps, double y) {
    return y + value * a / (Math.sqrt(b) / divisor + eps);
  }
}
