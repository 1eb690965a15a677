package dev.chainrule.nn.train;

import static dev.chainrule.nn.train.Fixtures.epoch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.loss.MSELoss;
import dev.chainrule.nn.train.Fixtures.FakeState;
import dev.chainrule.optim.SGD;
import dev.chainrule.optim.schedule.ReduceLROnPlateau;
import dev.chainrule.optim.schedule.StepLR;
import org.junit.jupiter.api.Test;

class LearningRateSchedulerTest {

  @Test
  void stepsTheScheduleAfterEachEpochSoEachEpochRecordsTheRateItUsed() {
    Linear model = Fixtures.linear(2, 1, 1);
    SGD optimizer = new SGD(model.parameters(), 0.1);
    History history = Trainer.builder(model, new MSELoss(), optimizer).epochs(5)
        .callbacks(new LearningRateScheduler(new StepLR(optimizer, 2, 0.5))).build()
        .fit(Fixtures.loader(Fixtures.regression(32, 7), 16), null);
    assertArrayEquals(new double[] {0.1, 0.1, 0.05, 0.05, 0.025}, history.values("lr"), 1e-12);
    assertEquals(0.025, optimizer.learningRate(), 1e-12, "the rate of a sixth epoch");
  }

  @Test
  void reducesOnAPlateauOfTheMonitoredValue() {
    FakeState state = new FakeState(Fixtures.linear(2, 1, 1), 10, 1);
    ReduceLROnPlateau plateau = ReduceLROnPlateau.builder(state.optimizer()).patience(1).factor(0.5).build();
    LearningRateScheduler scheduler = new LearningRateScheduler(plateau, "val_loss");
    scheduler.onTrainBegin(state);
    double[] valLoss = {1.0, 1.0, 1.0, 0.5};
    double[] lrAfter = {0.1, 0.1, 0.05, 0.05};
    for (int e = 1; e <= valLoss.length; e++) {
      state.endEpoch(scheduler, epoch(e, "loss", 9.0 / e, "val_loss", valLoss[e - 1]));
      assertEquals(lrAfter[e - 1], state.optimizer().learningRate(), 1e-12, "after epoch " + e);
    }
    assertEquals(0.5, plateau.best());
  }

  @Test
  void withoutValidationThePlateauWatchesTheTrainingLoss() {
    FakeState state = new FakeState(Fixtures.linear(2, 1, 1), 10, 1);
    ReduceLROnPlateau plateau = ReduceLROnPlateau.builder(state.optimizer()).build();
    LearningRateScheduler scheduler = new LearningRateScheduler(plateau, "val_loss");
    scheduler.onTrainBegin(state);
    state.endEpoch(scheduler, epoch(1, "loss", 0.75));
    assertEquals(0.75, plateau.best());
  }
}
