package dev.chainrule.optim.schedule;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.optim.Optimizer;

/** Decays the learning rate by {@code gamma} every step, as PyTorch's {@code ExponentialLR}: {@code lr_t = lr_0 * gamma^t}. */
public final class ExponentialLR extends StepwiseSchedule {
  private final double gamma;

  public ExponentialLR(Optimizer optimizer, double gamma) {
    super(optimizer);
    checkArgument(gamma > 0 && gamma <= 1, "ExponentialLR: gamma must lie in (0, 1], got %s", gamma);
    this.gamma = gamma;
  }

  @Override
  public double learningRateAt(int t) {
    return baseLearningRate() * Math.pow(gamma, t);
  }
}
