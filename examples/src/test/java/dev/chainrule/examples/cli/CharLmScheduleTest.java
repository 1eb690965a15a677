package dev.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.SGD;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link CharLmSchedule}: the cosine's rate at the start, middle and end of a run, with the progress by steps or
 * by time, whichever is further; the constant schedule; and its argument checks.
 */
class CharLmScheduleTest {
  private static final double TOL = 1e-12;
  private static final double LR = 0.02;

  private static Optimizer sgd() {
    return new SGD(List.of(Tensor.of(1.0).requiresGrad()), LR);
  }

  /** The documented formula, computed here on its own: lr/10 + 0.9 lr (1 + cos(pi p)) / 2. */
  private static double cosineAt(double p) {
    return LR / 10 + 0.9 * LR * (1 + Math.cos(Math.PI * p)) / 2;
  }

  @Test
  void theCosineFallsFromTheBaseRateToATenthOfItOverTheSteps() {
    CharLmSchedule s = new CharLmSchedule("cosine", sgd(), 1000, null);
    assertEquals(LR, s.learningRate(0, 0), TOL, "start");
    assertEquals(0.55 * LR, s.learningRate(500, 0), TOL, "middle: halfway between lr and lr/10");
    assertEquals(cosineAt(0.25), s.learningRate(250, 0), TOL, "a quarter");
    assertEquals(LR / 10, s.learningRate(1000, 0), TOL, "end");
    assertEquals(LR / 10, s.learningRate(5000, 0), TOL, "past the end it stays at lr/10");
    assertEquals(LR, s.learningRate(0, 1e9), TOL, "without --minutes the time does not count");
  }

  @Test
  void withATimeLimitTheProgressIsThatOfTheStepsOrTheTimeWhicheverIsFurther() {
    CharLmSchedule s = new CharLmSchedule("cosine", sgd(), 1000, 2.0);
    assertEquals(LR, s.learningRate(0, 0), TOL, "start");
    assertEquals(500, s.position(10, 60));
    assertEquals(0.55 * LR, s.learningRate(10, 60), TOL, "one of two minutes: the middle, though 10 steps are done");
    assertEquals(cosineAt(0.75), s.learningRate(750, 30), TOL, "the steps ahead of the time");
    assertEquals(cosineAt(0.25), s.learningRate(3, 30), TOL, "30 s of 120 s");
    assertEquals(LR / 10, s.learningRate(20, 120), TOL, "the time is up: lr/10");
    assertEquals(LR / 10, s.learningRate(20, 500), TOL, "and stays there");
  }

  @Test
  void applySetsTheOptimizersRateAndTheConstantScheduleKeepsIt() {
    Optimizer opt = sgd();
    CharLmSchedule cosine = new CharLmSchedule("cosine", opt, 100, 1.0);
    assertEquals(cosineAt(0.5), cosine.apply(50, 0), TOL);
    assertEquals(cosineAt(0.5), opt.learningRate(), TOL);
    Optimizer other = sgd();
    CharLmSchedule constant = new CharLmSchedule("constant", other, 100, 1.0);
    for (int done : new int[] {0, 50, 100}) {
      assertEquals(LR, constant.apply(done, 30.0 * done), TOL);
      assertEquals(LR, other.learningRate(), TOL);
    }
  }

  @Test
  void refusesAnUnknownScheduleNoStepsAndANonPositiveTime() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new CharLmSchedule("linear", sgd(), 10, null));
    assertTrue(e.getMessage().contains("CharLmSchedule") && e.getMessage().contains("linear"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new CharLmSchedule("cosine", sgd(), 0, null));
    assertThrows(IllegalArgumentException.class, () -> new CharLmSchedule("cosine", sgd(), 10, 0.0));
  }
}
