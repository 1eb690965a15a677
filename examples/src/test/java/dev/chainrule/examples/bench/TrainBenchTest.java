package dev.chainrule.examples.bench;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.loss.CrossEntropyLoss;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.Optimizer;
import java.lang.ref.WeakReference;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The bench's training step on the 784-256-128-10 MLP with a random batch: the loss falls, and memory stays
 * flat because each step's graph is freed. Whether a graph is unreachable is asked of the garbage collector
 * through a weak reference, which a full collection clears deterministically; the heap comparison has a
 * margin far below what a leak of one step's activations (about a megabyte) over 200 steps would add.
 */
class TrainBenchTest {
  private static Batch randomBatch(Rng rng) {
    Tensor x = Tensor.rand(rng, TrainBench.BATCH, 784);
    long[] labels = new long[TrainBench.BATCH];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % 10;
    }
    return new Batch(x, Tensor.ofLongs(labels));
  }

  @Test
  void eachStepsGraphIsFreedAndTheHeapStaysFlat() {
    Rng rng = new Rng(7);
    Module model = TrainBench.model();
    Optimizer opt = new Adam(model.parameters(), 1e-3);
    CrossEntropyLoss criterion = new CrossEntropyLoss();
    Batch batch = randomBatch(rng);

    opt.zeroGrad();
    Tensor logits = model.call(batch.features());
    Tensor loss = criterion.apply(logits, batch.labels());
    double first = loss.item();
    loss.backward();
    opt.step();
    WeakReference<Tensor> firstLogits = new WeakReference<>(logits);
    logits = null;
    loss = null;

    long at10 = 0;
    double last = first;
    for (int step = 1; step <= 200; step++) {
      last = TrainBench.step(model, opt, criterion, batch);
      if (step == 10) {
        at10 = usedAfterGc();
      }
    }
    long at200 = usedAfterGc();
    assertNull(firstLogits.get(), "the first step's logits (and so its graph) are still reachable");
    assertTrue(at200 - at10 < 16L << 20, "heap grew from " + at10 + " to " + at200 + " bytes over 190 steps");
    assertTrue(last < first / 2, "loss did not fall: " + first + " -> " + last);
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
