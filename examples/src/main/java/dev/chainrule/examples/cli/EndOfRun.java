package dev.chainrule.examples.cli;

import dev.chainrule.nn.train.Callback;
import dev.chainrule.nn.train.History;
import dev.chainrule.nn.train.TrainingState;

/**
 * Remembers a run's history and whether the trainer ended the run, so that when {@code fit} throws after ending
 * it (a loss that became NaN or infinite: the trainer runs every {@code onTrainEnd}, so early stopping restores
 * the best weights, and then throws) the epochs so far can still be saved. The last callback of the run, so that
 * {@link #ended} means every other callback's {@code onTrainEnd} has finished.
 */
final class EndOfRun implements Callback {
  private History history;
  private boolean ended;

  @Override
  public void onTrainBegin(TrainingState state) {
    history = state.history();
    ended = false;
  }

  @Override
  public void onTrainEnd(TrainingState state) {
    ended = true;
  }

  /** Whether the current or last run has ended. */
  boolean ended() {
    return ended;
  }

  /** The epochs finished in the current or last run. */
  History history() {
    return history;
  }
}
