package dev.chainrule.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.loss.CrossEntropyLoss;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.Optimizer;
import org.junit.jupiter.api.Test;

class CnnTrainBenchTest {
  @Test
  void theStepsFlopsAreCountedFromTheLayersShapes() {
    // forward + weight gradient of conv1 (16 x 28 x 28 outputs, 9 weights each), forward + both gradients of
    // conv2 (32 x 14 x 14 outputs, 144 weights each) and of the two linear layers, 2 FLOPs per multiply-add
    long conv1 = 16L * 28 * 28 * 9;
    long conv2 = 32L * 14 * 14 * 144;
    long linears = 1568L * 128 + 128 * 10;
    assertEquals(2.0 * (2 * conv1 + 3 * conv2 + 3 * linears),
        CnnTrainBench.trainingFlopsPerSample(CnnTrainBench.model()));
  }

  @Test
  void theBenchsStepLearnsABatch() {
    Rng rng = new Rng(3);
    Tensor x = Tensor.rand(rng, CnnTrainBench.BATCH, 1, 28, 28);
    long[] labels = new long[CnnTrainBench.BATCH];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % 10;
    }
    Batch batch = new Batch(x, Tensor.ofLongs(labels));
    Module model = CnnTrainBench.model();
    Optimizer opt = new Adam(model.parameters(), 1e-3);
    CrossEntropyLoss criterion = new CrossEntropyLoss();
    double first = TrainBench.step(model, opt, criterion, batch);
    double last = first;
    for (int step = 0; step < 30; step++) {
      last = TrainBench.step(model, opt, criterion, batch);
    }
    assertTrue(last < 0.75 * first, "loss " + first + " -> " + last); // 2.31 -> 1.54 when it learns
  }
}
