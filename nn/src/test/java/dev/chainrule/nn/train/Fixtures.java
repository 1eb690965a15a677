package dev.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.TensorDataset;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.loss.CrossEntropyLoss;
import dev.chainrule.nn.loss.MSELoss;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.SGD;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tiny models and data sets, built from a fixed seed, and a hand-driven {@link TrainingState} for callbacks. */
final class Fixtures {
  private Fixtures() {}

  /** {@code y = 2 x0 - x1 + 0.5} plus a little noise: features {@code (n, 2)}, targets {@code (n, 1)}. */
  static TensorDataset regression(int n, long seed) {
    Rng rng = new Rng(seed);
    float[] x = new float[2 * n];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = (float) rng.nextGaussian();
      x[2 * i + 1] = (float) rng.nextGaussian();
      y[i] = (float) (2 * x[2 * i] - x[2 * i + 1] + 0.5 + 0.1 * rng.nextGaussian());
    }
    return new TensorDataset(Tensor.of(x, n, 2), Tensor.of(y, n, 1));
  }

  /** Two Gaussian blobs around (-1, -1) and (1, 1): features {@code (n, 2)}, class labels {@code (n,)}. */
  static TensorDataset blobs(int n, long seed) {
    Rng rng = new Rng(seed);
    float[] x = new float[2 * n];
    long[] y = new long[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      double centre = y[i] == 0 ? -1 : 1;
      x[2 * i] = (float) (centre + 0.5 * rng.nextGaussian());
      x[2 * i + 1] = (float) (centre + 0.5 * rng.nextGaussian());
    }
    return new TensorDataset(Tensor.of(x, n, 2), Tensor.of(y, n));
  }

  static DataLoader loader(TensorDataset data, int batchSize) {
    return DataLoader.builder(data).batchSize(batchSize).build();
  }

  /** A regression trainer for a {@code Linear(2, 1)}, SGD at {@code lr}. */
  static Trainer.Builder regressionTrainer(Module model, double lr) {
    return Trainer.builder(model, new MSELoss(), new SGD(model.parameters(), lr));
  }

  /** A classification trainer for a {@code Linear(2, 2)} with accuracy, SGD at {@code lr}. */
  static Trainer.Builder classificationTrainer(Module model, double lr) {
    return Trainer.builder(model, new CrossEntropyLoss(), new SGD(model.parameters(), lr))
        .metrics(Accuracy.multiclass());
  }

  static Linear linear(int in, int out, long seed) {
    return new Linear(in, out, new Rng(seed));
  }

  /** An epoch result from alternating keys and values: {@code epoch(2, "val_loss", 0.5)}. */
  static EpochResult epoch(int epoch, Object... keysAndValues) {
    Map<String, Double> values = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      values.put((String) keysAndValues[i], ((Number) keysAndValues[i + 1]).doubleValue());
    }
    return new EpochResult(epoch, values, 0.25);
  }

  /** Asserts that two state dicts hold the same names and bit-identical values. */
  static void assertSameState(Map<String, Tensor> expected, Map<String, Tensor> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((name, t) -> {
      assertEquals(t.shape(), actual.get(name).shape(), name);
      assertArrayEquals(t.toDoubleArray(), actual.get(name).toDoubleArray(), 0.0, name);
    });
  }

  /** A training state driven by hand: the test calls the callback and plays the trainer. */
  static final class FakeState implements TrainingState {
    private final Module model;
    private final Optimizer optimizer;
    private final int epochs;
    private final int batches;
    private final History history = new History();
    Map<String, Double> running = Map.of();
    boolean stopRequested;

    FakeState(Module model, int epochs, int batches) {
      this.model = model;
      this.optimizer = new SGD(model.parameters(), 0.1);
      this.epochs = epochs;
      this.batches = batches;
    }

    /** Records {@code result} in the history and calls {@code onEpochEnd}, as the trainer does. */
    void endEpoch(Callback callback, EpochResult result) {
      history.add(result);
      callback.onEpochEnd(this, result);
    }

    @Override
    public Module model() {
      return model;
    }

    @Override
    public Optimizer optimizer() {
      return optimizer;
    }

    @Override
    public int epochs() {
      return epochs;
    }

    @Override
    public int batchesPerEpoch() {
      return batches;
    }

    @Override
    public History history() {
      return history;
    }

    @Override
    public Map<String, Double> runningValues() {
      return running;
    }

    @Override
    public void requestStop() {
      stopRequested = true;
    }
  }
}
