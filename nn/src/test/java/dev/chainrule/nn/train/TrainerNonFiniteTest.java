package dev.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.TensorDataset;
import dev.chainrule.nn.layers.BatchNorm1d;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.layers.ReLU;
import dev.chainrule.nn.layers.Sequential;
import dev.chainrule.nn.loss.CrossEntropyLoss;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.SGD;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A model or output holding NaN or infinity is reported, never averaged into a finite-looking number. */
class TrainerNonFiniteTest {
  private static Sequential classifier() {
    Rng rng = new Rng(3);
    return new Sequential(new Linear(2, 4, rng), new BatchNorm1d(4), new ReLU(), new Linear(4, 2, rng));
  }

  private static Trainer trainer(Sequential model) {
    return Fixtures.classificationTrainer(model, 0.1).build();
  }

  private static Trainer trainer(Sequential model, Loss loss) {
    return Trainer.builder(model, loss, new SGD(model.parameters(), 0.1)).metrics(Accuracy.multiclass()).build();
  }

  private static void fill(Tensor t, double value) {
    try (var off = GradMode.off()) {
      t.copyFrom(Tensor.full(value, t.shape().dims()).to(t.dtype()));
    }
  }

  /** Outputs 0 / 0: NaN from finite inputs and parameters. */
  private static final class ZeroOverZero extends Module {
    @Override
    public Tensor forward(Tensor x) {
      Tensor zero = x.sub(x);
      return zero.div(zero);
    }
  }

  /** The blobs, batches of 8, with sample {@code sample}'s first feature NaN. */
  private static DataLoader withNanAt(int sample) {
    TensorDataset data = Fixtures.blobs(40, 2);
    float[] x = data.features().toFloatArray();
    x[2 * sample] = Float.NaN;
    return Fixtures.loader(new TensorDataset(Tensor.of(x, 40, 2), data.labels()), 8);
  }

  private static DataLoader blobs() {
    return Fixtures.loader(Fixtures.blobs(40, 2), 8);
  }

  @Test
  void evaluateAndPredictRefuseNanWeightsNamingTheParameter() {
    Sequential model = classifier();
    fill(model.namedParameters().get("0.weight"), Double.NaN);
    Trainer trainer = trainer(model);
    var e = assertThrows(IllegalStateException.class, () -> trainer.evaluate(blobs()));
    assertEquals("evaluate: parameter 0.weight (4, 2) holds 8 NaN; the model cannot be evaluated", e.getMessage());
    var p = assertThrows(IllegalStateException.class, () -> trainer.predict(Tensor.zeros(3, 2)));
    assertEquals("predict: parameter 0.weight (4, 2) holds 8 NaN; the model cannot predict", p.getMessage());
  }

  @Test
  void everyNonFiniteParameterAndBufferIsNamed() {
    Sequential model = classifier();
    Tensor bias = model.namedParameters().get("3.bias");
    try (var off = GradMode.off()) {
      bias.copyFrom(Tensor.of(Float.POSITIVE_INFINITY, Float.NaN));
    }
    Tensor runningVar = ((BatchNorm1d) model.get(1)).runningVar();
    try (var off = GradMode.off()) {
      runningVar.copyFrom(Tensor.of(1f, Float.NEGATIVE_INFINITY, 1f, 1f));
    }
    var e = assertThrows(IllegalStateException.class, () -> trainer(model).evaluate(blobs()));
    assertEquals("evaluate: buffer 1.running_var (4,) holds 1 infinite value, parameter 3.bias (2,) holds 1 NaN"
        + " and 1 infinite value; the model cannot be evaluated", e.getMessage());
  }

  @Test
  void theCheckFollowsEveryChangeOfTheParameters() {
    Sequential model = classifier();
    Trainer trainer = trainer(model);
    Tensor weight = model.namedParameters().get("3.weight");
    double[] good = weight.toDoubleArray();
    trainer.evaluate(blobs()); // found finite
    fill(weight, Double.NaN);
    assertThrows(IllegalStateException.class, () -> trainer.predict(Tensor.zeros(3, 2)));
    try (var off = GradMode.off()) {
      weight.copyFrom(Tensor.of(good, weight.shape().dims()).to(weight.dtype()));
    }
    assertEquals(3, trainer.predict(Tensor.zeros(3, 2)).shape().dim(0), "finite again: predict runs");
  }

  @Test
  void aBatchWithNanFeaturesCountsNanForTheLossAndEveryMetric() {
    // today's relu turns the NaN into 0, so the output is finite: the features themselves must be looked at
    Evaluation honest = trainer(classifier()).evaluate(withNanAt(3));
    assertTrue(Double.isNaN(honest.loss()), "loss " + honest.loss());
    assertTrue(Double.isNaN(honest.metric("accuracy")), "accuracy " + honest.metric("accuracy"));
  }

  @Test
  void aNanOutputGivesANanLossAndAccuracyEvenWhenTheLossWouldHideIt() {
    Sequential model = new Sequential(new Linear(2, 2, new Rng(4)), new ZeroOverZero());
    Loss hiding = (prediction, target) -> Tensor.of(0.25f); // a finite loss whatever the output
    Evaluation honest = trainer(model, hiding).evaluate(blobs());
    assertTrue(Double.isNaN(honest.loss()), "loss " + honest.loss());
    assertTrue(Double.isNaN(honest.metric("accuracy")), "accuracy " + honest.metric("accuracy"));
    assertEquals(0.25, trainer(classifier(), hiding).evaluate(blobs()).loss(), 1e-7, "a finite output counts");
  }

  @Test
  void accuracyOfANanOutputIsNaN() {
    Tensor logits = Tensor.of(new float[][] {{0.1f, 2}, {Float.NaN, 1}, {0, 0}});
    assertTrue(Double.isNaN(Accuracy.multiclass().value(logits, Tensor.ofLongs(1, 0, 1))));
    assertTrue(Double.isNaN(Accuracy.binary(0.5).value(Tensor.of(0.9f, Float.NaN), Tensor.of(1f, 1f))));
  }

  @Test
  void aNanValidationLossEndsTheRunAndFails() {
    List<String> calls = new ArrayList<>();
    Callback recorder = new Callback() {
      @Override
      public void onTrainEnd(TrainingState state) {
        calls.add("end after " + state.history().size() + " epochs");
      }
    };
    Trainer trainer = Fixtures.classificationTrainer(classifier(), 0.1).epochs(5).callbacks(recorder).build();
    var e = assertThrows(IllegalStateException.class, () -> trainer.fit(blobs(), withNanAt(0)));
    assertTrue(e.getMessage().startsWith("fit: the loss became NaN on the validation data at epoch 1;"), e.getMessage());
    assertEquals(List.of("end after 0 epochs"), calls);
  }

  @Test
  void aBufferGoneInfiniteDuringTrainingFailsTheValidationPassAndEndsTheRun() {
    Sequential model = classifier();
    Tensor runningVar = ((BatchNorm1d) model.get(1)).runningVar();
    List<String> calls = new ArrayList<>();
    Callback corrupt = new Callback() {
      @Override
      public void onBatchEnd(TrainingState state, int batch, double batchLoss) {
        fill(runningVar, Double.POSITIVE_INFINITY); // training uses batch statistics: its loss stays finite
      }

      @Override
      public void onTrainEnd(TrainingState state) {
        calls.add("end");
      }
    };
    Trainer trainer = Fixtures.classificationTrainer(model, 0.1).epochs(3).callbacks(corrupt).build();
    var e = assertThrows(IllegalStateException.class, () -> trainer.fit(blobs(), blobs()));
    assertEquals("fit: buffer 1.running_var (4,) holds 4 infinite values; the model cannot be validated at epoch 1",
        e.getMessage());
    assertEquals(List.of("end"), calls);
  }

  @Test
  void nanFeaturesInTrainingFailNamingTheBatch() {
    var e = assertThrows(IllegalStateException.class, () -> trainer(classifier()).fit(withNanAt(10), null));
    assertTrue(e.getMessage().startsWith("fit: the features of epoch 1, batch 1 hold NaN"), e.getMessage());
  }

  @Test
  void aNanOutputInTrainingFailsEvenWhenTheLossWouldHideIt() {
    Sequential model = new Sequential(new Linear(2, 2, new Rng(4)), new ZeroOverZero());
    Loss hiding = (prediction, target) -> Tensor.of(0.25f);
    var e = assertThrows(IllegalStateException.class, () -> trainer(model, hiding).fit(blobs(), null));
    assertTrue(e.getMessage().startsWith("fit: the model's output holds NaN at epoch 1, batch 0"), e.getMessage());
  }

  @Test
  void crossEntropyLossOnNanLogitsIsNaN() {
    Tensor logits = Tensor.of(new float[][] {{Float.NaN, 1}, {0, 1}});
    assertTrue(Double.isNaN(new CrossEntropyLoss().apply(logits, Tensor.ofLongs(0, 1)).item()));
  }
}
