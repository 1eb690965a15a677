package dev.chainrule.nn.train;

/**
 * Hooks into {@link Trainer#fit}: progress output, early stopping, learning-rate schedules, checkpoints, logs.
 * Every method does nothing unless overridden. Calls come in this order: {@code onTrainBegin}; for each epoch
 * {@code onEpochBegin}, {@code onBatchEnd} after every batch, {@code onEpochEnd}; finally {@code onTrainEnd}.
 */
public interface Callback {
  default void onTrainBegin(TrainingState state) {}

  default void onEpochBegin(TrainingState state, int epoch) {}

  /** After the optimizer step of batch {@code batch} (0-based) of the current epoch. */
  default void onBatchEnd(TrainingState state, int batch, double batchLoss) {}

  /** After the epoch's validation; {@code result} is also the last entry of {@code state.history()}. */
  default void onEpochEnd(TrainingState state, EpochResult result) {}

  default void onTrainEnd(TrainingState state) {}
}
