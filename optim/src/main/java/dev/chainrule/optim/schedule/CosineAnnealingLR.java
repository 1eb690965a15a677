package dev.chainrule.optim.schedule;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.optim.Optimizer;

/**
 * Cosine annealing from the base rate to {@code etaMin} over {@code tMax} steps, the closed form of PyTorch's
 * {@code CosineAnnealingLR} (SGDR without restarts):
 * {@code lr_t = etaMin + (lr_0 - etaMin) * (1 + cos(pi * t / tMax)) / 2}. After {@code tMax} steps the rate
 * stays at {@code etaMin}.
 */
public final class CosineAnnealingLR extends StepwiseSchedule {
  private final int tMax;
  private final double etaMin;

  public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
    super(optimizer);
    checkArgument(tMax >= 1, "CosineAnnealingLR: tMax must be at least 1, got %s", tMax);
    checkArgument(etaMin >= 0 && etaMin <= optimizer.learningRate(), "CosineAnnealingLR: etaMin must lie in"
        + " [0, %s] (the optimizer's learning rate), got %s", optimizer.learningRate(), etaMin);
    this.tMax = tMax;
    this.etaMin = etaMin;
  }

  @Override
  public double learningRateAt(int t) {
    if (t >= tMax) {
      return etaMin;
    }
    return etaMin + (baseLearningRate() - etaMin) * (1 + Math.cos(Math.PI * t / tMax)) / 2;
  }
}
