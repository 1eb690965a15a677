package dev.chainrule.optim.schedule;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.optim.Optimizer;

/**
 * A schedule whose learning rate after {@code t} calls of {@link #step()} is a function
 * {@link #learningRateAt(int) learningRateAt(t)} of {@code t} and the base rate: the optimizer's learning rate
 * when the schedule was made.
 */
public abstract class StepwiseSchedule implements LearningRateSchedule {
  private final Optimizer optimizer;
  private final double baseLearningRate;
  private int steps;

  protected StepwiseSchedule(Optimizer optimizer) {
    this.optimizer = checkNotNull(optimizer, "schedule: optimizer must not be null");
    this.baseLearningRate = optimizer.learningRate();
  }

  @Override
  public final void step() {
    steps++;
    optimizer.setLearningRate(learningRateAt(steps));
  }

  /** The learning rate after {@code t >= 0} steps. */
  public abstract double learningRateAt(int t);

  /** The number of {@link #step()} calls so far. */
  public final int steps() {
    return steps;
  }

  /** The optimizer's learning rate when this schedule was made. */
  public final double baseLearningRate() {
    return baseLearningRate;
  }

  public final Optimizer optimizer() {
    return optimizer;
  }
}
