package dev.chainrule.examples.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.examples.lessons.LearningRateExperiment.Run;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks every claim the learning-rate lesson prints, on the runs its computation returns. */
class LearningRateLessonTest {
  private static List<Run> runs;
  private static Run tooSmall;
  private static Run good;
  private static Run large;
  private static Run tooLarge;

  @BeforeAll
  static void compute() {
    runs = new LearningRateLesson().compute();
    tooSmall = runs.get(0);
    good = runs.get(1);
    large = runs.get(2);
    tooLarge = runs.get(3);
  }

  @Test
  void theRunsDifferOnlyInTheLearningRate() {
    assertEquals(List.of(LearningRateExperiment.TOO_SMALL, LearningRateExperiment.GOOD,
        LearningRateExperiment.LARGE, LearningRateExperiment.TOO_LARGE),
        runs.stream().map(Run::learningRate).toList());
    for (Run run : runs) {
      assertEquals(good.losses()[0], run.losses()[0], "every run starts from the same weights and data");
    }
  }

  @Test
  void theFinalLossesAreOrderedGoodThenLargeThenTooSmallThenDiverged() {
    assertTrue(good.finalLoss() < large.finalLoss(), good.finalLoss() + " vs " + large.finalLoss());
    assertTrue(large.finalLoss() < tooSmall.finalLoss(), large.finalLoss() + " vs " + tooSmall.finalLoss());
    assertTrue(tooSmall.finalLoss() < tooLarge.finalLoss());
    assertEquals(Double.POSITIVE_INFINITY, tooLarge.finalLoss());
    for (Run run : List.of(tooSmall, good, large)) {
      assertFalse(run.diverged(), "alpha " + run.learningRate());
      assertEquals(LearningRateExperiment.EPOCHS, run.losses().length);
    }
  }

  @Test
  void aTooSmallRateCrawlsAndAGoodOneFallsAtEveryStep() {
    assertEquals(0, LearningRateLesson.firstRise(tooSmall.losses()));
    assertEquals(0, LearningRateLesson.firstRise(good.losses()));
    assertTrue(tooSmall.finalLoss() > 10 * good.finalLoss());
    assertTrue(LearningRateLesson.verdict(tooSmall, runs).startsWith("too small"));
    assertTrue(LearningRateLesson.verdict(good, runs).startsWith("good"));
  }

  @Test
  void aLargeRateOvershootsFirstAndThenSettles() {
    assertEquals(1, LearningRateLesson.firstRise(large.losses()), "the first step makes the loss go up");
    assertTrue(large.losses()[1] > 2 * large.losses()[0]);
    assertTrue(large.finalLoss() < 1.1 * good.finalLoss(), "it ends close to the good rate");
    assertTrue(LearningRateLesson.verdict(large, runs).startsWith("large"));
  }

  @Test
  void aTooLargeRateDivergesAndTheTrainerSaysWhere() {
    assertTrue(tooLarge.diverged());
    assertTrue(tooLarge.divergedAt() < 10, "diverged at epoch " + tooLarge.divergedAt());
    assertEquals(tooLarge.divergedAt() - 1, tooLarge.losses().length);
    for (double loss : tooLarge.losses()) {
      assertTrue(Double.isFinite(loss));
    }
    assertTrue(LearningRateLesson.minimumGrowth(tooLarge.losses()) >= 10);
    assertTrue(tooLarge.losses()[tooLarge.losses().length - 1] > LearningRateLesson.CLIP, "the chart clips it");
    assertTrue(tooLarge.error().contains("epoch " + tooLarge.divergedAt()), tooLarge.error());
    assertTrue(LearningRateLesson.verdict(tooLarge, runs).startsWith("too large"));
  }
}
