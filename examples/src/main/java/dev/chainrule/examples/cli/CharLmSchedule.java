package dev.chainrule.examples.cli;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.schedule.CosineAnnealingLR;
import java.util.List;

/**
 * The learning rate of a charlm run ({@code --schedule}), set on its optimizer before each step. With
 * {@code constant} it stays at the base rate {@code lr} ({@code --lr}). With {@code cosine} (the default) it falls
 * along half a cosine of the run's progress {@code p} to {@code lr / 10} at the end:
 *
 * <pre>
 *   p     = min(1, max(done / steps, seconds / (60 * minutes)))
 *   lr(p) = lr/10 + (lr - lr/10) * (1 + cos(pi * p)) / 2
 * </pre>
 *
 * where {@code done} is the number of steps taken so far, {@code seconds} the training time so far, and the second
 * term is left out when there is no {@code --minutes} limit. The progress is thus that of whichever ends the run
 * first, {@code --steps} or {@code --minutes}: a run cut short by its time limit still ends at {@code lr / 10}
 * rather than at a high rate. The cosine is optim's {@link CosineAnnealingLR} over {@code tMax = steps},
 * evaluated at the step {@code t = floor(p * steps)}, so the time is counted in steps of {@code 1 / steps} of the
 * run.
 */
final class CharLmSchedule {
  /** The names {@code --schedule} accepts, the default first. */
  static final List<String> NAMES = List.of("cosine", "constant");

  /** The cosine's final rate as a fraction of the base rate. */
  static final double FINAL_FRACTION = 0.1;

  private final Optimizer optimizer;
  private final double baseLearningRate;
  private final CosineAnnealingLR cosine;
  private final int steps;
  private final Double minutes;

  /**
   * The schedule {@code name} (one of {@link #NAMES}) of a run of at most {@code steps} steps and, unless
   * {@code minutes} is null, at most {@code minutes} minutes; the base rate is the optimizer's learning rate now.
   */
  CharLmSchedule(String name, Optimizer optimizer, int steps, Double minutes) {
    checkArgument(NAMES.contains(name), "CharLmSchedule: unknown schedule '%s', expected one of %s", name, NAMES);
    checkArgument(steps >= 1, "CharLmSchedule: steps must be at least 1, got %s", steps);
    checkArgument(minutes == null || minutes > 0, "CharLmSchedule: minutes must be positive, got %s", minutes);
    this.optimizer = optimizer;
    this.baseLearningRate = optimizer.learningRate();
    this.cosine = name.equals("cosine")
        ? new CosineAnnealingLR(optimizer, steps, FINAL_FRACTION * optimizer.learningRate()) : null;
    this.steps = steps;
    this.minutes = minutes;
  }

  /** The progress {@code p} in steps, {@code floor(p * steps)}, after {@code done} steps and {@code seconds}. */
  int position(int done, double seconds) {
    double byTime = minutes == null ? 0 : Math.floor(seconds / (60 * minutes) * steps);
    return (int) Math.min(steps, Math.max(done, byTime));
  }

  /** The learning rate {@code lr(p)} for the step after {@code done} steps and {@code seconds} of training. */
  double learningRate(int done, double seconds) {
    return cosine == null ? baseLearningRate : cosine.learningRateAt(position(done, seconds));
  }

  /** Sets the optimizer's learning rate to {@link #learningRate} and returns it. */
  double apply(int done, double seconds) {
    double lr = learningRate(done, seconds);
    optimizer.setLearningRate(lr);
    return lr;
  }
}
