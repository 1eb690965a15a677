package dev.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.Datasets;
import dev.chainrule.nn.data.Split;
import dev.chainrule.nn.data.Standardizer;
import dev.chainrule.nn.data.TensorDataset;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.layers.ReLU;
import dev.chainrule.nn.layers.Sequential;
import dev.chainrule.nn.loss.CrossEntropyLoss;
import dev.chainrule.optim.Adam;
import org.junit.jupiter.api.Test;

/** Trains a small MLP on the bundled 8x8 handwritten digits with a fixed seed and checks what it learns. */
class DigitsEndToEndTest {

  @Test
  void mlpReachesNinetyFivePercentOnHeldOutDigits() {
    Rng rng = new Rng(42);
    Split split = Split.stratified(Datasets.digits().flatten(), 0.7, 0.15, rng);
    Standardizer scaler = Standardizer.fit(split.train().features());
    TensorDataset train = scaler.transform(split.train());
    TensorDataset test = scaler.transform(split.test());
    Sequential model = new Sequential(new Linear(64, 64, rng), new ReLU(), new Linear(64, 10, rng));
    Trainer trainer = Trainer.builder(model, new CrossEntropyLoss(), new Adam(model.parameters(), 1e-3))
        .epochs(20).metrics(Accuracy.multiclass()).build();
    History history = trainer.fit(DataLoader.builder(train).batchSize(32).shuffle(1).build(), null);

    double[] loss = history.values("loss");
    assertTrue(loss[19] < loss[0] / 10, "training loss should fall tenfold: " + loss[0] + " -> " + loss[19]);
    double accuracy = trainer.evaluate(DataLoader.builder(test).batchSize(128).build()).metric("accuracy");
    assertTrue(accuracy >= 0.95, "test accuracy " + accuracy);

    // The same seed gives the same run, to the last bit of the loss curve.
    Rng again = new Rng(42);
    Split split2 = Split.stratified(Datasets.digits().flatten(), 0.7, 0.15, again);
    Sequential model2 = new Sequential(new Linear(64, 64, again), new ReLU(), new Linear(64, 10, again));
    History history2 = Trainer.builder(model2, new CrossEntropyLoss(), new Adam(model2.parameters(), 1e-3))
        .epochs(20).metrics(Accuracy.multiclass()).build()
        .fit(DataLoader.builder(Standardizer.fit(split2.train().features()).transform(split2.train()))
            .batchSize(32).shuffle(1).build(), null);
    assertEquals(loss[19], history2.values("loss")[19]);
  }
}
