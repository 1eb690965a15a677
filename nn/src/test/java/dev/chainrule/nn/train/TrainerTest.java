package dev.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.TensorDataset;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.loss.MSELoss;
import dev.chainrule.optim.SGD;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
  /** y = 2 x0 - 3 x1 + 0.5 on 64 points: a problem one linear layer solves exactly. */
  private static TensorDataset line() {
    Rng rng = new Rng(1);
    Tensor x = Tensor.uniform(rng, -1, 1, 64, 2);
    double[] xs = x.toDoubleArray();
    float[] y = new float[64];
    for (int i = 0; i < 64; i++) {
      y[i] = (float) (2 * xs[2 * i] - 3 * xs[2 * i + 1] + 0.5);
    }
    return new TensorDataset(x, Tensor.of(y, 64, 1));
  }

  private static Trainer trainer(Linear model, int epochs, Callback... callbacks) {
    return Trainer.builder(model, new MSELoss(), new SGD(model.parameters(), 0.1)).epochs(epochs)
        .callbacks(callbacks).build();
  }

  @Test
  void fitLearnsALinearFunctionAndRecordsEachEpoch() {
    Linear model = new Linear(2, 1, new Rng(7));
    DataLoader data = DataLoader.builder(line()).batchSize(16).shuffle(3).build();
    History history = trainer(model, 40, new Callback[0]).fit(data, DataLoader.builder(line()).batchSize(64).build());
    assertEquals(40, history.size());
    double[] loss = history.values("loss");
    assertTrue(loss[39] < 1e-4 && loss[39] < loss[0] / 1000, "loss should fall: " + loss[0] + " -> " + loss[39]);
    assertTrue(history.last().get("val_loss") < 1e-4, "validation loss " + history.last().get("val_loss"));
    assertEquals(0.1, history.last().get("lr"));
    float[] w = model.parameters().get(0).toFloatArray();
    assertArrayEquals(new float[] {2, -3}, w, 0.01f);
  }

  @Test
  void callbacksAreCalledInOrderAndCanStopTraining() {
    List<String> calls = new ArrayList<>();
    Callback recorder = new Callback() {
      @Override
      public void onTrainBegin(TrainingState state) {
        calls.add("begin " + state.epochs() + "x" + state.batchesPerEpoch());
      }

      @Override
      public void onEpochBegin(TrainingState state, int epoch) {
        calls.add("epoch " + epoch);
      }

      @Override
      public void onBatchEnd(TrainingState state, int batch, double batchLoss) {
        calls.add("batch " + batch);
      }

      @Override
      public void onEpochEnd(TrainingState state, EpochResult result) {
        calls.add("end " + result.epoch() + " history " + state.history().size());
        if (result.epoch() == 2) {
          state.requestStop();
        }
      }

      @Override
      public void onTrainEnd(TrainingState state) {
        calls.add("done");
      }
    };
    History history = trainer(new Linear(2, 1, new Rng(7)), 5, recorder)
        .fit(DataLoader.builder(line()).batchSize(32).build(), null);
    assertEquals(2, history.size());
    assertEquals(List.of("begin 5x2", "epoch 1", "batch 0", "batch 1", "end 1 history 1", "epoch 2", "batch 0",
        "batch 1", "end 2 history 2", "done"), calls);
    assertFalse(history.last().has("val_loss"));
  }

  @Test
  void aDivergingLossStopsWithAnErrorNamingEpochAndBatch() {
    Linear model = new Linear(2, 1, new Rng(7));
    Trainer trainer = Trainer.builder(model, new MSELoss(), new SGD(model.parameters(), 1e6)).epochs(50).build();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> trainer.fit(DataLoader.builder(line()).batchSize(8).build(), null));
    assertTrue(e.getMessage().startsWith("fit: the loss became") && e.getMessage().contains("epoch 1, batch"),
        e.getMessage());
  }

  @Test
  void aDivergingRunStillEndsItsCallbacksSoEarlyStoppingRestoresTheBestWeights() {
    Linear model = new Linear(2, 1, new Rng(7));
    double[][] afterEpochOne = new double[2][];
    Callback snapshot = new Callback() {
      @Override
      public void onEpochEnd(TrainingState state, EpochResult result) {
        if (result.epoch() == 1) {
          afterEpochOne[0] = model.weight().toDoubleArray();
          afterEpochOne[1] = model.bias().toDoubleArray();
        }
      }
    };
    DataLoader data = DataLoader.builder(Fixtures.regression(64, 3)).batchSize(64).build();
    // full batch at a rate far above 2 / (largest curvature): the error grows about 25-fold per epoch
    Trainer trainer = Trainer.builder(model, new MSELoss(), new SGD(model.parameters(), 3)).epochs(500)
        .callbacks(EarlyStopping.onValidationLoss(1000), snapshot).build();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> trainer.fit(data, data));
    assertTrue(e.getMessage().startsWith("fit: the loss became"), e.getMessage());
    assertArrayEquals(afterEpochOne[0], model.weight().toDoubleArray(), 0,
        "the lowest validation loss was after epoch 1: " + e.getMessage());
    assertArrayEquals(afterEpochOne[1], model.bias().toDoubleArray(), 0);
  }

  @Test
  void evaluateAndPredictRecordNothingAndRestoreTheMode() {
    Linear model = new Linear(2, 1, new Rng(7));
    Trainer trainer = trainer(model, 1);
    model.train();
    Evaluation evaluation = trainer.evaluate(DataLoader.builder(line()).batchSize(10).build());
    assertTrue(evaluation.loss() > 0);
    Tensor prediction = trainer.predict(Tensor.zeros(3, 2));
    assertNull(prediction.gradFn());
    assertEquals(List.of(3, 1), List.of(prediction.shape().dim(0), prediction.shape().dim(1)));
    assertTrue(model.isTraining());
    for (Tensor p : model.parameters()) {
      assertNull(p.grad(), "evaluation must not leave gradients behind");
    }
  }

  @Test
  void accuracyCountsArgmaxAndThresholdHits() {
    Tensor logits = Tensor.of(new float[][] {{0.1f, 2}, {3, 1}, {0, 0}});
    assertEquals(2 / 3.0, Accuracy.multiclass().value(logits, Tensor.ofLongs(1, 0, 1)), 1e-12);
    assertEquals(0.5, Accuracy.binary(0.5).value(Tensor.of(0.9f, 0.2f, 0.7f, 0.4f), Tensor.of(1f, 1f, 0f, 0f)),
        1e-12);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Accuracy.multiclass().value(logits, Tensor.ofLongs(1, 0)));
    assertTrue(e.getMessage().contains("(3, 2)"), e.getMessage());
  }

  @Test
  void historyWritesCsvAndCurves(@TempDir Path dir) throws Exception {
    Linear model = new Linear(2, 1, new Rng(7));
    History history = Trainer.builder(model, new MSELoss(), new SGD(model.parameters(), 0.1)).epochs(3)
        .metrics(new Metric() {
          @Override
          public String name() {
            return "mean_output";
          }

          @Override
          public double value(Tensor output, Tensor labels) {
            return output.to(DType.FLOAT64).mean().item();
          }
        }).build()
        .fit(DataLoader.builder(line()).batchSize(64).build(), DataLoader.builder(line()).batchSize(64).build());
    history.writeCsv(dir.resolve("history.csv"));
    List<String> rows = Files.readAllLines(dir.resolve("history.csv"));
    assertEquals("epoch,loss,mean_output,val_loss,val_mean_output,lr,seconds", rows.get(0));
    assertEquals(4, rows.size());
    assertTrue(rows.get(3).startsWith("3,"), rows.get(3));
    List<Path> files = history.plot(dir);
    assertEquals(List.of(dir.resolve("loss.svg"), dir.resolve("loss.png"), dir.resolve("mean_output.svg"),
        dir.resolve("mean_output.png")), files);
    assertTrue(Files.readString(dir.resolve("loss.svg")).contains(">validation<"));
  }

  @Test
  void runningValuesAverageTheEpochsBatchesSoFar() {
    Linear model = new Linear(2, 1, new Rng(7));
    List<java.util.Map<String, Double>> seen = new ArrayList<>();
    Callback spy = new Callback() {
      @Override
      public void onBatchEnd(TrainingState state, int batch, double batchLoss) {
        seen.add(state.runningValues());
      }
    };
    Metric half = new Metric() {
      @Override
      public String name() {
        return "half";
      }

      @Override
      public double value(Tensor output, Tensor labels) {
        return 0.5;
      }
    };
    Trainer.builder(model, new MSELoss(), new SGD(model.parameters(), 0.0)).metrics(half).callbacks(spy).build()
        .fit(DataLoader.builder(line()).batchSize(16).build(), null);
    assertEquals(4, seen.size());
    assertEquals(List.of("loss", "half"), new ArrayList<>(seen.get(0).keySet()));
    assertEquals(0.5, seen.get(3).get("half"));
    assertTrue(seen.get(0).get("loss") > 0);
  }
}
