package dev.chainrule.autodiff.check;

import java.util.function.DoubleUnaryOperator;

/**
 * Finite differences of a scalar function along one coordinate, {@code t -> L(x + (t - x_j) e_j)}, and the
 * test for a kink there. All arithmetic is in double.
 */
final class FiniteDifference {
  /**
   * Rounding in an evaluation of {@code L} is taken to be at most this many ulps of its magnitude; a jump in
   * slope smaller than what that rounding can fake, {@code 1024 ulp(|L|) / h}, is not called a kink.
   */
  private static final double ROUNDING_ULPS = 1024;

  private FiniteDifference() {}

  /** {@code (L(x + h) - L(x - h)) / (2h)}: the derivative with error {@code O(h^2)} where L is smooth. */
  static double central(DoubleUnaryOperator loss, double x, double h) {
    return (loss.applyAsDouble(x + h) - loss.applyAsDouble(x - h)) / (2 * h);
  }

  /**
   * Whether {@code L} has a kink within about {@code h} of {@code x}: a point where its slopes from the left and
   * from the right differ, so that no step size makes the central difference a derivative.
   *
   * <p>The test compares the jump between the one-sided slopes at two step sizes,
   *
   * <pre>
   *   J(h) = (L(x+h) - L(x)) / h - (L(x) - L(x-h)) / h = (L(x+h) - 2 L(x) + L(x-h)) / h.
   * </pre>
   *
   * Where L is smooth, Taylor gives {@code J(h) = L''(x) h + O(h^3)}: the jump shrinks with the step, so
   * {@code J(h) / J(2h) = 1/2} however curved L is. At a kink with slopes {@code s-} and {@code s+} it does not
   * shrink: {@code J(h) = J(2h) = s+ - s-}, ratio 1. (A kink at distance {@code r h} gives ratio
   * {@code (1 - r) / (1 - r/2)}, above 3/4 for {@code r <= 0.4}.) So a kink is reported when the ratio is near
   * 1, between 3/4 and 5/4, and {@code |J(h)|} is larger than rounding in L could fake. Comparing the ratio,
   * not the size of J against a fixed threshold, is what keeps strongly curved smooth functions (1/x near 0)
   * from being flagged.
   */
  static boolean onKink(DoubleUnaryOperator loss, double x, double h) {
    double center = loss.applyAsDouble(x);
    double plus = loss.applyAsDouble(x + h);
    double minus = loss.applyAsDouble(x - h);
    double plus2 = loss.applyAsDouble(x + 2 * h);
    double minus2 = loss.applyAsDouble(x - 2 * h);
    double jump = (plus - 2 * center + minus) / h;
    double jump2 = (plus2 - 2 * center + minus2) / (2 * h);
    double magnitude = Math.max(Math.abs(center), Math.max(Math.max(Math.abs(plus), Math.abs(minus)),
        Math.max(Math.abs(plus2), Math.abs(minus2))));
    double roundingFloor = ROUNDING_ULPS * Math.ulp(magnitude) / h;
    if (!Double.isFinite(jump) || !Double.isFinite(jump2) || Math.abs(jump) <= roundingFloor) {
      return false;
    }
    double ratio = jump / jump2;
    return ratio >= 0.75 && ratio <= 1.25;
  }
}
