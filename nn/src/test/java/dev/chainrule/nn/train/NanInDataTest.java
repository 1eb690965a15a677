package dev.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.AnomalyException;
import dev.chainrule.autodiff.AnomalyMode;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.Datasets;
import dev.chainrule.nn.data.TensorDataset;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.layers.ReLU;
import dev.chainrule.nn.layers.Sequential;
import dev.chainrule.nn.loss.CrossEntropyLoss;
import dev.chainrule.optim.Adam;
import org.junit.jupiter.api.Test;

/**
 * One NaN feature in the digits data. When relu turned NaN into 0 it trained the 64-64-10 ReLU network to chance
 * (the loss stuck at 2.304, 64 of the 4,096 first-layer weights NaN) with no error from {@code Trainer.fit} or
 * from anomaly mode. Now the NaN reaches the output row and the loss, {@code fit} refuses the batch that holds it,
 * and anomaly mode names the op it entered through.
 */
class NanInDataTest {
  /** Sample 5, feature 10: inside the first batch of 32. */
  private static final int SAMPLE = 5;
  private static final int FEATURE = 10;

  private static TensorDataset digitsWithOneNan() {
    TensorDataset digits = Datasets.digits().flatten();
    float[] features = digits.features().toFloatArray();
    features[SAMPLE * 64 + FEATURE] = Float.NaN;
    return new TensorDataset(Tensor.of(features, digits.features().shape().dims()), digits.labels());
  }

  private static Sequential network(Rng rng) {
    return new Sequential(new Linear(64, 64, rng), new ReLU(), new Linear(64, 10, rng));
  }

  @Test
  void theNanReachesTheLossThroughTheReluNetwork() {
    TensorDataset data = digitsWithOneNan();
    Tensor batch = data.features().narrow(0, 0, 32);
    Tensor output = network(new Rng(42)).call(batch);
    float[] values = output.toFloatArray();
    for (int i = 0; i < values.length; i++) {
      assertEquals(i / 10 == SAMPLE, Float.isNaN(values[i]), "output " + i + " = " + values[i]);
    }
    Tensor loss = new CrossEntropyLoss().apply(output, data.labels().narrow(0, 0, 32));
    assertTrue(Double.isNaN(loss.item()), "loss " + loss);
  }

  @Test
  void fitRefusesTheBatchThatHoldsTheNan() {
    Sequential model = network(new Rng(42));
    Trainer trainer = Trainer.builder(model, new CrossEntropyLoss(), new Adam(model.parameters(), 1e-3))
        .epochs(2).build();
    DataLoader loader = DataLoader.builder(digitsWithOneNan()).batchSize(32).build();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> trainer.fit(loader, null));
    assertTrue(e.getMessage().startsWith("fit: the features of epoch 1, batch 0 hold NaN"), e.getMessage());
  }

  @Test
  void anomalyModeNamesWhereTheNanEnteredInOneTrainingStep() {
    TensorDataset data = digitsWithOneNan();
    Tensor batch = data.features().narrow(0, 0, 32);
    Tensor labels = data.labels().narrow(0, 0, 32);
    Sequential model = network(new Rng(42));
    Adam optimizer = new Adam(model.parameters(), 1e-3);
    AnomalyException e;
    try (var on = AnomalyMode.on()) {
      e = assertThrows(AnomalyException.class, () -> {
        optimizer.zeroGrad();
        Tensor loss = new CrossEntropyLoss().apply(model.call(batch), labels);
        loss.backward();
        optimizer.step();
      });
    }
    assertTrue(e.getMessage().startsWith("anomaly: NaN entered through input 0 of MatMul: a leaf (data) tensor of"
        + " shape (32, 64) float32 holding 1 NaN and 0 Inf"), e.getMessage());
    assertEquals("Sequential / 0 (Linear)", e.tensor().gradFn().scope().toString());
  }

  @Test
  void anomalyModeAroundFitNamesTheDataTensor() {
    Sequential model = network(new Rng(42));
    Trainer trainer = Trainer.builder(model, new CrossEntropyLoss(), new Adam(model.parameters(), 1e-3))
        .epochs(1).build();
    DataLoader loader = DataLoader.builder(digitsWithOneNan()).batchSize(32).build();
    try (var on = AnomalyMode.on()) {
      AnomalyException e = assertThrows(AnomalyException.class, () -> trainer.fit(loader, null));
      assertTrue(e.getMessage().startsWith("anomaly: NaN entered through input 0 of IndexSelect: a leaf (data)"
          + " tensor of shape (1797, 64) float32 holding 1 NaN"), e.getMessage());
    }
  }
}
