package dev.chainrule.optim.schedule;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.optim.Optimizer;
import java.util.Optional;

/**
 * Linear warm-up over the first {@code warmupSteps} steps, then the base rate or another schedule:
 *
 * <pre>
 *   lr_t = lr_0 * (t + 1) / warmupSteps                 for t &lt; warmupSteps
 *   lr_t = lr_0,  or  then.learningRateAt(t - warmupSteps)   afterwards
 * </pre>
 *
 * The first step thus already trains at {@code lr_0 / warmupSteps} (no wasted step at rate 0), and the last
 * warm-up step at {@code lr_0}. Making the schedule sets the optimizer's rate to {@code lr_t} for {@code t = 0}.
 * The following schedule must wrap the same optimizer and is stepped through this one only:
 * {@code new LinearWarmup(opt, 5, new CosineAnnealingLR(opt, 95, 0))}.
 */
public final class LinearWarmup extends StepwiseSchedule {
  private final int warmupSteps;
  private final StepwiseSchedule then;

  /** Warm-up, then the base rate. */
  public LinearWarmup(Optimizer optimizer, int warmupSteps) {
    this(optimizer, warmupSteps, Optional.empty());
  }

  /** Warm-up, then {@code then}, started afresh (its step 0 is warm-up's step {@code warmupSteps}). */
  public LinearWarmup(Optimizer optimizer, int warmupSteps, StepwiseSchedule then) {
    this(optimizer, warmupSteps,
        Optional.of(checkNotNull(then, "LinearWarmup: the following schedule must not be null")));
  }

  private LinearWarmup(Optimizer optimizer, int warmupSteps, Optional<StepwiseSchedule> following) {
    super(optimizer);
    StepwiseSchedule then = following.orElse(null);
    checkArgument(warmupSteps >= 1, "LinearWarmup: warmupSteps must be at least 1, got %s", warmupSteps);
    checkArgument(then == null || then.optimizer() == optimizer, "LinearWarmup: the following schedule wraps"
        + " another optimizer");
    checkArgument(then == null || then.steps() == 0, "LinearWarmup: the following schedule was already stepped"
        + " %s times", then == null ? 0 : then.steps());
    this.warmupSteps = warmupSteps;
    this.then = then;
    optimizer.setLearningRate(learningRateAt(0));
  }

  @Override
  public double learningRateAt(int t) {
    if (t < warmupSteps) {
      return baseLearningRate() * (t + 1) / warmupSteps;
    }
    return then == null ? baseLearningRate() : then.learningRateAt(t - warmupSteps);
  }
}
