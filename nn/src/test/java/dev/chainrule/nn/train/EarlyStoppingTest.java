package dev.chainrule.nn.train;

import static dev.chainrule.nn.train.Fixtures.assertSameState;
import static dev.chainrule.nn.train.Fixtures.epoch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.train.Fixtures.FakeState;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

  /** Plays {@code values} of {@code key} as epochs 1, 2, ... until the callback asks to stop; the last epoch. */
  private static int play(EarlyStopping stopping, FakeState state, String key, double... values) {
    stopping.onTrainBegin(state);
    int epoch = 0;
    while (epoch < values.length && !state.stopRequested) {
      epoch++;
      state.endEpoch(stopping, epoch(epoch, key, values[epoch - 1]));
    }
    stopping.onTrainEnd(state);
    return epoch;
  }

  private static FakeState state() {
    return new FakeState(Fixtures.linear(2, 1, 1), 100, 1);
  }

  @Test
  void stopsAtThePatienceThEpochWithoutImprovement() {
    EarlyStopping stopping = EarlyStopping.builder().patience(3).build();
    FakeState state = state();
    int last = play(stopping, state, "val_loss", 1.0, 0.8, 0.85, 0.9, 0.81, 0.7, 0.6);
    assertEquals(5, last);
    assertTrue(state.stopRequested);
    assertEquals(5, stopping.stoppedEpoch());
    assertEquals(2, stopping.bestEpoch());
    assertEquals(0.8, stopping.best());
  }

  @Test
  void anImprovementResetsThePatience() {
    EarlyStopping stopping = EarlyStopping.builder().patience(2).build();
    FakeState state = state();
    assertEquals(5, play(stopping, state, "val_loss", 1.0, 1.1, 0.9, 1.0, 0.95, 0.1));
    assertEquals(3, stopping.bestEpoch());
  }

  @Test
  void patienceZeroStopsAtTheFirstEpochWithoutImprovement() {
    EarlyStopping stopping = EarlyStopping.builder().build();
    assertEquals(3, play(stopping, state(), "val_loss", 3, 2, 2, 1));
    assertEquals(2, stopping.bestEpoch());
  }

  @Test
  void aChangeOfAtMostMinDeltaIsNoImprovement() {
    EarlyStopping stopping = EarlyStopping.builder().patience(2).minDelta(0.1).build();
    assertEquals(3, play(stopping, state(), "val_loss", 1.0, 0.95, 0.91, 0.5));
    assertEquals(1, stopping.bestEpoch());
  }

  @Test
  void accuracyIsMaximisedAndExplicitModeWins() {
    EarlyStopping accuracy = EarlyStopping.builder().monitor("val_accuracy").patience(1).build();
    assertEquals(3, play(accuracy, state(), "val_accuracy", 0.5, 0.6, 0.55, 0.9));
    assertEquals(2, accuracy.bestEpoch());

    EarlyStopping lr = EarlyStopping.builder().monitor("lr").mode(MonitorMode.MAX).patience(1).build();
    assertEquals(2, play(lr, state(), "lr", 0.1, 0.05, 0.2));
    assertEquals(1, lr.bestEpoch());
  }

  @Test
  void withoutValidationItMonitorsTheTrainingLoss() {
    EarlyStopping stopping = EarlyStopping.builder().patience(1).build();
    assertEquals(3, play(stopping, state(), "loss", 1.0, 0.5, 0.6, 0.1));
    assertEquals("loss", stopping.monitoredKey());
    assertEquals(2, stopping.bestEpoch());
  }

  @Test
  void aKeyFoundNeitherWayIsAnErrorNamingTheKeysThereAre() {
    EarlyStopping stopping = EarlyStopping.builder().monitor("val_f1").mode(MonitorMode.MAX).build();
    FakeState state = state();
    stopping.onTrainBegin(state);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> state.endEpoch(stopping, epoch(1, "loss", 1.0, "val_loss", 1.0)));
    assertTrue(e.getMessage().contains("'val_f1' nor 'f1'") && e.getMessage().contains("val_loss"),
        e.getMessage());
  }

  @Test
  void aKeyOfUnknownDirectionNeedsAnExplicitMode() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EarlyStopping.builder().monitor("lr").build());
    assertTrue(e.getMessage().contains("'lr'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> EarlyStopping.builder().patience(-1).build());
  }

  /** Fills every tensor of {@code model} with {@code value}. */
  private static void fill(Module model, double value) {
    Map<String, Tensor> state = new LinkedHashMap<>();
    model.stateDict().forEach((name, t) -> state.put(name, Tensor.full(value, t.shape().dims())));
    model.loadStateDict(state);
  }

  @Test
  void restoresACopyOfTheBestWeightsWhenTrainingEnds() {
    Linear model = Fixtures.linear(2, 1, 1);
    FakeState state = new FakeState(model, 10, 1);
    EarlyStopping stopping = EarlyStopping.onValidationLoss(1);
    stopping.onTrainBegin(state);
    fill(model, 1.0);
    state.endEpoch(stopping, epoch(1, "val_loss", 0.9));
    fill(model, 2.0);
    state.endEpoch(stopping, epoch(2, "val_loss", 0.5));
    Map<String, Tensor> best = EarlyStopping.copy(model.stateDict());
    fill(model, 3.0);
    state.endEpoch(stopping, epoch(3, "val_loss", 0.7));
    assertTrue(state.stopRequested);
    assertEquals(3.0, model.weight().get(0), "weights stay as measured until training ends");
    stopping.onTrainEnd(state);
    assertSameState(best, model.stateDict());
  }

  @Test
  void throughTheTrainerStopsAndRestoresTheWeightsOfTheBestEpoch() {
    Linear model = Fixtures.linear(2, 1, 3);
    Map<String, Tensor> afterFirst = new LinkedHashMap<>();
    Callback recorder = new Callback() {
      @Override
      public void onEpochEnd(TrainingState state, EpochResult result) {
        if (result.epoch() == 1) {
          afterFirst.putAll(EarlyStopping.copy(state.model().stateDict()));
        }
      }
    };
    // Only the first epoch can improve on infinity by more than minDelta: it stays the best.
    EarlyStopping stopping = EarlyStopping.builder().monitor("loss").minDelta(1e9).patience(2)
        .restoreBestWeights(true).build();
    History history = Fixtures.regressionTrainer(model, 0.05).epochs(50).callbacks(recorder, stopping).build()
        .fit(Fixtures.loader(Fixtures.regression(64, 7), 16), null);
    assertEquals(3, history.size());
    assertEquals(3, stopping.stoppedEpoch());
    assertEquals(1, stopping.bestEpoch());
    assertNotEquals(history.last().get("loss"), history.epochs().get(0).get("loss"), "training moved on");
    assertSameState(afterFirst, model.stateDict());
  }

  @Test
  void aRunThatNeverStopsReportsNoStopAndKeepsTheBest() {
    Linear model = Fixtures.linear(2, 1, 3);
    EarlyStopping stopping = EarlyStopping.onValidationLoss(5);
    Fixtures.regressionTrainer(model, 0.05).epochs(4).callbacks(stopping).build()
        .fit(Fixtures.loader(Fixtures.regression(64, 7), 16), Fixtures.loader(Fixtures.regression(32, 8), 32));
    assertEquals(0, stopping.stoppedEpoch());
    assertEquals(4, stopping.bestEpoch(), "the loss of this convex problem falls every epoch");
    assertEquals("val_loss", stopping.monitoredKey());
    assertFalse(Double.isInfinite(stopping.best()));
  }
}
