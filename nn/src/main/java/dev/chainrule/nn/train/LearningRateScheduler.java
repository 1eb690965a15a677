package dev.chainrule.nn.train;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.optim.schedule.LearningRateSchedule;
import dev.chainrule.optim.schedule.ReduceLROnPlateau;
import java.util.function.Consumer;

/**
 * Advances a learning-rate schedule once per epoch, after the epoch (so {@code lr} in an epoch's results is the
 * rate that epoch trained with, and the schedule sets the next one), as PyTorch's {@code scheduler.step()} at the
 * end of each epoch:
 *
 * <pre>{@code
 * new LearningRateScheduler(new StepLR(optimizer, 10, 0.5))
 * new LearningRateScheduler(ReduceLROnPlateau.builder(optimizer).patience(2).build(), "val_loss")
 * }</pre>
 *
 * <p>The schedule must drive the trainer's optimizer; its state carries over from one {@code fit} to the next.
 */
public final class LearningRateScheduler implements Callback {
  private final Consumer<EpochResult> step;
  private final Monitor monitor;

  /** Steps {@code schedule} at the end of every epoch. */
  public LearningRateScheduler(LearningRateSchedule schedule) {
    checkNotNull(schedule, "LearningRateScheduler: schedule must not be null");
    this.monitor = null;
    this.step = result -> schedule.step();
  }

  /**
   * Steps {@code plateau} with the value of {@code monitor} at the end of every epoch; a {@code val_} key falls
   * back to the training value without validation data, as in {@link EarlyStopping}. The direction is the
   * plateau's own mode.
   */
  public LearningRateScheduler(ReduceLROnPlateau plateau, String monitor) {
    checkNotNull(plateau, "LearningRateScheduler: plateau must not be null");
    // Only the monitor's key resolution is used: the plateau judges improvement in its own mode.
    this.monitor = new Monitor(monitor, MonitorMode.MIN, 0);
    this.step = result -> plateau.step(this.monitor.value(result));
  }

  @Override
  public void onTrainBegin(TrainingState state) {
    if (monitor != null) {
      monitor.reset();
    }
  }

  @Override
  public void onEpochEnd(TrainingState state, EpochResult result) {
    step.accept(result);
  }
}
