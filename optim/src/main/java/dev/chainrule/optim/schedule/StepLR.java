package dev.chainrule.optim.schedule;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.optim.Optimizer;

/**
 * Decays the learning rate by {@code gamma} every {@code stepSize} steps, as {@code torch.optim.lr_scheduler.StepLR}:
 * {@code lr_t = lr_0 * gamma^floor(t / stepSize)}.
 */
public final class StepLR extends StepwiseSchedule {
  private final int stepSize;
  private final double gamma;

  public StepLR(Optimizer optimizer, int stepSize, double gamma) {
    super(optimizer);
    checkArgument(stepSize >= 1, "StepLR: stepSize must be at least 1, got %s", stepSize);
    checkArgument(gamma > 0 && gamma <= 1, "StepLR: gamma must lie in (0, 1], got %s", gamma);
    this.stepSize = stepSize;
    this.gamma = gamma;
  }

  @Override
  public double learningRateAt(int t) {
    return baseLearningRate() * Math.pow(gamma, t / stepSize);
  }
}
