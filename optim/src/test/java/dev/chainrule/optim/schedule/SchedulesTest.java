package dev.chainrule.optim.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.SGD;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Learning-rate sequences against values computed by hand. */
class SchedulesTest {
  private static final double TOL = 1e-15;

  private static Optimizer sgd(double lr) {
    return new SGD(List.of(Tensor.of(1.0).requiresGrad()), lr);
  }

  /** The optimizer's rate before the first step and after each of {@code steps} steps. */
  private static double[] rates(Optimizer opt, LearningRateSchedule schedule, int steps) {
    double[] out = new double[steps + 1];
    out[0] = opt.learningRate();
    for (int t = 1; t <= steps; t++) {
      schedule.step();
      out[t] = opt.learningRate();
    }
    return out;
  }

  @Test
  void stepLR() {
    Optimizer opt = sgd(1.0);
    assertArrayEquals(new double[] {1, 1, 1, 0.5, 0.5, 0.5, 0.25}, rates(opt, new StepLR(opt, 3, 0.5), 6), TOL);
  }

  @Test
  void exponentialLR() {
    Optimizer opt = sgd(2.0);
    assertArrayEquals(new double[] {2, 1.8, 1.62, 1.458}, rates(opt, new ExponentialLR(opt, 0.9), 3), TOL);
  }

  @Test
  void cosineAnnealingLR() {
    Optimizer opt = sgd(1.0);
    // etaMin + (1 - etaMin) * (1 + cos(pi t / 4)) / 2 with etaMin = 0.2: cos = 1, r, 0, -r, -1 (r = sqrt(2)/2)
    double r = Math.sqrt(0.5);
    double[] expected = {1, 0.2 + 0.8 * (1 + r) / 2, 0.6, 0.2 + 0.8 * (1 - r) / 2, 0.2, 0.2};
    assertArrayEquals(expected, rates(opt, new CosineAnnealingLR(opt, 4, 0.2), 5), 1e-15);
  }

  @Test
  void linearWarmupThenConstant() {
    Optimizer opt = sgd(0.4);
    LinearWarmup warmup = new LinearWarmup(opt, 4);
    assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4, 0.4, 0.4}, rates(opt, warmup, 5), TOL);
  }

  @Test
  void linearWarmupThenStepDecay() {
    Optimizer opt = sgd(1.0);
    LinearWarmup warmup = new LinearWarmup(opt, 2, new StepLR(opt, 2, 0.1));
    // warm-up t = 0, 1: 1/2, 2/2; then StepLR from its own step 0: t = 2, 3 -> 1; t = 4, 5 -> 0.1; t = 6 -> 0.01
    assertArrayEquals(new double[] {0.5, 1, 1, 1, 0.1, 0.1, 0.01}, rates(opt, warmup, 6), TOL);
  }

  @Test
  void linearWarmupRefusesAScheduleOfAnotherOptimizer() {
    Optimizer a = sgd(1.0);
    Optimizer b = sgd(1.0);
    assertThrows(IllegalArgumentException.class, () -> new LinearWarmup(a, 2, new StepLR(b, 2, 0.1)));
    assertThrows(IllegalArgumentException.class, () -> new StepLR(a, 0, 0.1));
  }

  @Test
  void reduceOnPlateauWaitsPatienceEpochsThenCoolsDown() {
    Optimizer opt = sgd(1.0);
    ReduceLROnPlateau plateau = ReduceLROnPlateau.builder(opt).factor(0.5).patience(2).cooldown(2).build();
    double[] metrics = {10, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9};
    // epoch: 1 best=10, 2 best=9, 3 bad1, 4 bad2, 5 bad3 > 2 -> 0.5, cooldown 2: 6 and 7 count no bad epochs,
    // 8 bad1, 9 bad2, 10 bad3 -> 0.25, 11 cooldown.
    double[] expected = {1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25};
    for (int e = 0; e < metrics.length; e++) {
      plateau.step(metrics[e]);
      assertEquals(expected[e], opt.learningRate(), TOL, "epoch " + (e + 1));
    }
  }

  @Test
  void reduceOnPlateauCountsOnlyImprovementsBeyondTheRelativeThreshold() {
    Optimizer opt = sgd(1.0);
    ReduceLROnPlateau plateau = ReduceLROnPlateau.builder(opt).mode(ReduceLROnPlateau.Mode.MAX).factor(0.1)
        .patience(1).threshold(0.01).minLearningRate(0.05).build();
    plateau.step(0.5);
    plateau.step(0.504); // below 0.5 * 1.01 = 0.505: a bad epoch
    assertEquals(1.0, opt.learningRate());
    plateau.step(0.504); // second bad epoch > patience 1
    assertEquals(0.1, opt.learningRate(), TOL);
    plateau.step(0.6); // improvement
    assertEquals(0.6, plateau.best());
    plateau.step(0.1);
    plateau.step(0.1); // reduced to max(0.01, minLr 0.05)
    assertEquals(0.05, opt.learningRate(), TOL);
    plateau.step(0.1);
    plateau.step(0.1); // already at minLr: unchanged
    assertEquals(0.05, opt.learningRate(), TOL);
  }
}
