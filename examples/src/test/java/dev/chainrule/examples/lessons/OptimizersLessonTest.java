package dev.chainrule.examples.lessons;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The claims of the optimizers lesson, checked on the numbers it computes. */
class OptimizersLessonTest {
  private static OptimizersLesson.Result result;

  @BeforeAll
  static void compute() {
    result = OptimizersLesson.compute();
  }

  private static OptimizerRace.Run run(List<OptimizerRace.Run> runs, String name) {
    return runs.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void theValleyIsRosenbrocksWithItsMinimumAtOneOne() {
    Tensor p = Tensor.of(DType.FLOAT64, new double[] {1, 1}, 2).requiresGrad();
    Tensor f = Valley.f(p);
    assertEquals(0, f.item(), 0);
    f.backward();
    assertArrayEquals(new double[] {0, 0}, p.grad().toDoubleArray(), 0);
    // f(-1.5, 2) = 2.5^2 + 10 (2 - 2.25)^2
    assertEquals(6.25 + 10 * 0.0625, Valley.f(Tensor.of(DType.FLOAT64, new double[] {-1.5, 2}, 2)).item(), 1e-12);
  }

  @Test
  void allSevenRunFromTheSameStartOnBothProblems() {
    assertEquals(List.of("SGD", "Momentum", "Nesterov", "Adagrad", "Adadelta", "RMSprop", "Adam"),
        result.valley().stream().map(OptimizerRace.Run::name).toList());
    for (List<OptimizerRace.Run> runs : List.of(result.classifier(), result.valley())) {
      double start = runs.get(0).losses()[0];
      for (OptimizerRace.Run run : runs) {
        assertEquals(start, run.losses()[0], 0, run.name() + " starts elsewhere");
        assertTrue(run.finalLoss() < start / 2, run.name() + " did not learn: " + run.finalLoss());
      }
    }
  }

  @Test
  void theFastestIsTheFirstBelowTheTargetAndIsPrinted() {
    checkFastest(result.classifier(), result.fastestClassifier(), OptimizersLesson.CLASSIFIER_TARGET);
    checkFastest(result.valley(), result.fastestValley(), OptimizersLesson.VALLEY_TARGET);
  }

  private static void checkFastest(List<OptimizerRace.Run> runs, OptimizerRace.Run fastest, double target) {
    int steps = fastest.stepsTo(target);
    assertTrue(steps > 0, fastest.name() + " reaches the target");
    for (OptimizerRace.Run run : runs) {
      int s = run.stepsTo(target);
      assertTrue(s < 0 || s >= steps, run.name() + " was faster than " + fastest.name());
    }
  }

  @Test
  void onTheValleyPlainSgdCrawlsWhileMomentumAndAdamArrive() {
    List<OptimizerRace.Run> valley = result.valley();
    assertEquals(-1, run(valley, "SGD").stepsTo(OptimizersLesson.VALLEY_TARGET));
    for (String name : List.of("Momentum", "Nesterov", "Adam")) {
      assertTrue(run(valley, name).finalLoss() < run(valley, "SGD").finalLoss() / 100, name);
    }
    OptimizerRace.Run adam = run(valley, "Adam");
    assertEquals(1, adam.us()[adam.us().length - 1], 1e-3);
    assertEquals(1, adam.vs()[adam.vs().length - 1], 1e-3);
    assertEquals(OptimizerRace.VALLEY_START[0], adam.us()[0], 0);
  }

  @Test
  void theSurfaceIsTheValleyOnTheGrid() {
    double[][] surface = result.surface();
    assertEquals(80, surface.length);
    double min = Double.POSITIVE_INFINITY;
    for (double[] row : surface) {
      for (double v : row) {
        assertTrue(v >= 0);
        min = Math.min(min, v);
      }
    }
    assertTrue(min < 0.05, "a cell near (1, 1) is close to the minimum: " + min);
  }

  @Test
  void theSameSeedGivesTheSameRace() {
    List<OptimizerRace.Run> again = OptimizerRace.valley();
    for (int i = 0; i < again.size(); i++) {
      assertArrayEquals(result.valley().get(i).losses(), again.get(i).losses());
    }
  }
}
