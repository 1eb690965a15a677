package dev.chainrule.examples.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.examples.lessons.SoftmaxDerivatives.Jacobian;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The claims of the activations lesson: autodiff agrees with every closed form, and what the curves show. */
class ActivationsLessonTest {
  private static ActivationsLesson.Result lesson;

  @BeforeAll
  static void runLesson() {
    lesson = ActivationsLesson.compute();
  }

  @Test
  void autodiffAgreesWithEveryFormulaOverTheWholeGrid() {
    assertEquals(Activation.values().length, lesson.curves().size());
    for (DerivativeCurve c : lesson.curves()) {
      assertEquals(101, c.xs().length);
      assertTrue(c.maxDifference() < 1e-12, c.activation() + " differs by " + c.maxDifference());
    }
    assertTrue(lesson.softmax().maxDifference() < 1e-12, "softmax curve " + lesson.softmax().maxDifference());
    assertTrue(lesson.jacobian().maxDifference() < 1e-12, "Jacobian " + lesson.jacobian().maxDifference());
  }

  @Test
  void sigmoidsDerivativePeaksAtAQuarterAndVanishesAtLargeInputs() {
    DerivativeCurve sigmoid = lesson.curve(Activation.SIGMOID);
    assertEquals(0.25, sigmoid.autodiffAt(0), 1e-15);
    assertEquals(0.25, sigmoid.maxAutodiff(), 1e-15);
    assertTrue(sigmoid.autodiffAt(5) < 0.01 && sigmoid.autodiffAt(-5) < 0.01);
    for (int i = 0; i < sigmoid.xs().length; i++) {
      assertEquals(sigmoid.values()[i] * (1 - sigmoid.values()[i]), sigmoid.autodiff()[i], 1e-15);
    }
  }

  @Test
  void tanhsDerivativeReachesOneButSaturatesToo() {
    DerivativeCurve tanh = lesson.curve(Activation.TANH);
    DerivativeCurve sigmoid = lesson.curve(Activation.SIGMOID);
    assertEquals(1, tanh.autodiffAt(0), 1e-15);
    assertTrue(tanh.autodiffAt(5) < 1e-3 && tanh.autodiffAt(-5) < 1e-3);
    assertEquals(4 * sigmoid.autodiffAt(0), tanh.autodiffAt(0), 1e-15);
  }

  @Test
  void reluPassesOneForPositiveInputsAndNothingOtherwise() {
    DerivativeCurve relu = lesson.curve(Activation.RELU);
    DerivativeCurve leaky = lesson.curve(Activation.LEAKY_RELU);
    for (int i = 0; i < relu.xs().length; i++) {
      double x = relu.xs()[i];
      assertEquals(x > 0 ? 1 : 0, relu.autodiff()[i], "ReLU' at " + x);
      assertEquals(x > 0 ? 1 : Activation.LEAKY_SLOPE, leaky.autodiff()[i], 1e-15, "leaky ReLU' at " + x);
    }
  }

  @Test
  void theSoftmaxJacobianIsSymmetricWithZeroRowSums() {
    Jacobian j = lesson.jacobian();
    int n = ActivationsLesson.SOFTMAX_INPUT.length;
    double sumOfProbabilities = 0;
    for (int i = 0; i < n; i++) {
      sumOfProbabilities += j.s()[i];
      double rowSum = 0;
      for (int k = 0; k < n; k++) {
        rowSum += j.autodiff()[i][k];
        assertEquals(j.autodiff()[i][k], j.autodiff()[k][i], 1e-15);
        assertTrue(i == k ? j.autodiff()[i][k] > 0 : j.autodiff()[i][k] < 0, "entry " + i + ", " + k);
      }
      assertEquals(0, rowSum, 1e-15, "row " + i);
      assertEquals(j.s()[i] * (1 - j.s()[i]), j.autodiff()[i][i], 1e-15);
    }
    assertEquals(1, sumOfProbabilities, 1e-15);
  }

  @Test
  void softmaxOfXAndTwoZerosIsOneThirdAtZero() {
    SoftmaxDerivatives.Curve c = lesson.softmax();
    int zero = c.xs().length / 2;
    assertEquals(0, c.xs()[zero]);
    assertEquals(1.0 / 3, c.s0()[zero], 1e-15);
    assertEquals(2.0 / 9, c.autodiffDiagonal()[zero], 1e-15);
    assertEquals(-1.0 / 9, c.autodiffOffDiagonal()[zero], 1e-15);
  }
}
