package dev.chainrule.autodiff.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class FiniteDifferenceTest {
  private static final double H = 1e-6;

  private static final DoubleUnaryOperator RELU = x -> Math.max(0, x);

  @Test
  void centralDifferenceIsExactForAQuadratic() {
    assertEquals(6.0, FiniteDifference.central(x -> x * x, 3, 1e-3), 1e-9);
  }

  @Test
  void kinksAtTheirBreakPointAreFlagged() {
    assertTrue(FiniteDifference.onKink(Math::abs, 0, H));
    assertTrue(FiniteDifference.onKink(RELU, 0, H));
    assertTrue(FiniteDifference.onKink(x -> Math.max(x, 0.25), 0.25, H), "max at a tie");
    assertTrue(FiniteDifference.onKink(x -> Math.min(Math.max(x, -1), 1), 1, H), "clamp at its bound");
    assertTrue(FiniteDifference.onKink(x -> 3 * Math.abs(x) + 1e3, 0, H), "offset and scaled");
    assertTrue(FiniteDifference.onKink(RELU, 0.3 * H, H), "kink 0.3 eps from the input");
    assertTrue(FiniteDifference.onKink(x -> 1e-3 * Math.abs(x), 0, H), "small jump in slope");
  }

  @Test
  void smoothPointsAreNotFlagged() {
    assertFalse(FiniteDifference.onKink(Math::abs, 0.5, H));
    assertFalse(FiniteDifference.onKink(RELU, -0.5, H));
    assertFalse(FiniteDifference.onKink(x -> x * x, 0, H));
    assertFalse(FiniteDifference.onKink(x -> 2 * x + 1, 0.7, H), "linear: no curvature at all");
    assertFalse(FiniteDifference.onKink(x -> 1 / x, 1e-3, H), "strongly curved but smooth");
    assertFalse(FiniteDifference.onKink(x -> 1e6 * x * x * x, 0.5, H), "large second derivative");
    assertFalse(FiniteDifference.onKink(x -> 1e8 + Math.sin(x), 0.3, H), "rounding noise in a large value");
    assertFalse(FiniteDifference.onKink(Math::exp, 5, H));
  }

  @Test
  void aKinkFartherThanTwoStepsIsNotThisInputsProblem() {
    assertFalse(FiniteDifference.onKink(RELU, 3 * H, H));
  }
}
