package dev.chainrule.nn.train;

import dev.chainrule.nn.Module;
import dev.chainrule.optim.Optimizer;
import java.util.Map;

/** What a {@link Callback} can see of a running {@link Trainer#fit}, and how it asks training to stop. */
public interface TrainingState {
  Module model();

  Optimizer optimizer();

  /** The number of epochs asked for. */
  int epochs();

  /** The number of batches in one training epoch. */
  int batchesPerEpoch();

  /** The epochs finished so far. */
  History history();

  /**
   * The mean training loss and metrics of the current epoch's batches so far, by key ({@code loss},
   * {@code accuracy}, ...); empty before the epoch's first batch.
   */
  Map<String, Double> runningValues();

  /** Ends training after the current epoch (early stopping). */
  void requestStop();
}
