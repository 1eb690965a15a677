package dev.chainrule.examples.lessons;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The claims of the logistic-regression lesson, checked on the numbers it computes. */
class LogisticRegressionLessonTest {
  private static LogisticRegressionLesson.Result result;

  @BeforeAll
  static void compute() {
    result = LogisticRegressionLesson.compute();
  }

  @Test
  void backwardFindsDzEqualsAMinusY() {
    assertEquals(LogisticRegressionLesson.SHOWN_SAMPLES, result.backwardDz().length);
    assertArrayEquals(result.handDz(), result.backwardDz(), 1e-12);
    for (int i = 0; i < result.handDz().length; i++) {
      double y = result.shownLabels()[i];
      assertTrue(y == 0 || y == 1);
      double a = result.handDz()[i] + y;
      assertTrue(a > 0 && a < 1, "a = dz + y must be a probability, got " + a);
    }
  }

  @Test
  void loopVectorizedAndBackwardGiveTheSameGradient() {
    assertEquals(result.features(), result.loop().dw().length);
    assertTrue(result.maxGradientDifference() < 1e-12, "difference " + result.maxGradientDifference());
    assertEquals(result.loop().cost(), result.vectorized().cost(), 1e-12);
    assertEquals(result.loop().cost(), result.autodiff().cost(), 1e-12);
    // not a trivial gradient: at random weights it is far from zero
    assertTrue(Math.abs(result.loop().db()) > 1e-3);
  }

  @Test
  void bothTimingsAreMeasured() {
    assertTrue(result.loopMicros() > 0 && result.vectorizedMicros() > 0);
    assertEquals("4.0 times faster", LogisticRegressionLesson.speed(8, 2));
    assertEquals("2.5 times slower", LogisticRegressionLesson.speed(2, 5));
  }

  @Test
  void gradientDescentLowersTheCostAtEveryIteration() {
    double[] cost = result.trainCost();
    assertEquals(LogisticRegressionLesson.ITERATIONS + 1, cost.length);
    for (int t = 1; t < cost.length; t++) {
      assertTrue(cost[t] < cost[t - 1], "cost rose at iteration " + t + ": " + cost[t - 1] + " -> " + cost[t]);
    }
    assertTrue(result.testCost()[cost.length - 1] < result.testCost()[0] / 5);
  }

  @Test
  void oneNeuronClassifiesTheHeldOutTumoursWell() {
    assertEquals(569, result.trainSize() + result.testSize());
    assertTrue(result.trainAccuracy() >= 0.95, "train accuracy " + result.trainAccuracy());
    assertTrue(result.testAccuracy() >= 0.95, "test accuracy " + result.testAccuracy());
  }

  @Test
  void theSameSeedGivesTheSameNumbers() {
    LogisticRegressionLesson.Result again = LogisticRegressionLesson.compute();
    assertArrayEquals(result.trainCost(), again.trainCost());
    assertArrayEquals(result.backwardDz(), again.backwardDz());
    assertEquals(result.testAccuracy(), again.testAccuracy());
  }
}
