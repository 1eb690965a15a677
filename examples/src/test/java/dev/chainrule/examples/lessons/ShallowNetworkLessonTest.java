package dev.chainrule.examples.lessons;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The claims of the shallow-network lesson, checked on the numbers it computes. */
class ShallowNetworkLessonTest {
  private static ShallowNetworkLesson.Result result;

  @BeforeAll
  static void compute() {
    result = ShallowNetworkLesson.compute();
  }

  @Test
  void theFlowerHasTwoBalancedClassesOnAlternatePetals() {
    assertEquals(2 * ShallowNetworkLesson.PER_CLASS, result.train().size());
    assertEquals(0.5, result.train().y().mean().item(), 1e-6);
    // each class has petals above and below the centre, and left and right of it
    int[][] counts = new int[2][4];
    for (int i = 0; i < result.train().size(); i++) {
      int c = (int) result.train().y().get(i);
      counts[c][result.train().x().get(2 * i + 1) > 0 ? 0 : 1]++;
      counts[c][result.train().x().get(2 * i) > 0 ? 2 : 3]++;
    }
    for (int[] quarter : counts) {
      for (int count : quarter) {
        assertTrue(count > 50, "each class on every side: " + java.util.Arrays.deepToString(counts));
      }
    }
  }

  @Test
  void logisticRegressionStaysNearChance() {
    assertTrue(result.logistic().trainAccuracy() < 0.6, "train " + result.logistic().trainAccuracy());
    assertTrue(result.logistic().testAccuracy() < 0.6, "test " + result.logistic().testAccuracy());
  }

  @Test
  void theShallowNetworkSeparatesTheFlower() {
    ShallowNetworkLesson.Fit network = result.network();
    assertEquals(ShallowNetworkLesson.HIDDEN, network.hidden());
    assertTrue(network.trainAccuracy() > 0.85, "train " + network.trainAccuracy());
    assertTrue(network.testAccuracy() > 0.85, "test " + network.testAccuracy());
    double[] costs = network.costs();
    assertTrue(costs[costs.length - 1] < result.logistic().costs()[costs.length - 1] / 2);
  }

  @Test
  void oneOrTwoUnitsAreTooFewAndFourOrMoreFitTheFlower() {
    assertEquals(ShallowNetworkLesson.HIDDEN_SIZES.length, result.sizes().length);
    for (ShallowNetworkLesson.Fit fit : result.sizes()) {
      if (fit.hidden() <= 2) {
        assertTrue(fit.trainAccuracy() < 0.8, fit.hidden() + " units: " + fit.trainAccuracy());
      } else {
        assertTrue(fit.trainAccuracy() > 0.85, fit.hidden() + " units: " + fit.trainAccuracy());
      }
    }
  }

  @Test
  void theBoundariesAreProbabilityFieldsThatDiffer() {
    double[][] logistic = result.logisticField();
    double[][] network = result.networkField();
    assertEquals(80, logistic.length);
    assertEquals(80, network[0].length);
    double minimum = 1;
    double maximum = 0;
    for (double[] row : network) {
      for (double p : row) {
        assertTrue(p >= 0 && p <= 1);
        minimum = Math.min(minimum, p);
        maximum = Math.max(maximum, p);
      }
    }
    assertTrue(minimum < 0.1 && maximum > 0.9, "the network is confident somewhere on both sides");
  }

  @Test
  void theSameSeedGivesTheSameNumbers() {
    ShallowNetworkLesson.Result again = ShallowNetworkLesson.compute();
    assertArrayEquals(result.network().costs(), again.network().costs());
    assertArrayEquals(result.networkField()[40], again.networkField()[40]);
  }
}
