package dev.chainrule.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.testing.Generators;
import dev.chainrule.nn.Module;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code num_batches_tracked} buffer: what counts as a batch, its state-dict entry, loading it. */
class BatchNormTrackingTest {
  private static Tensor image(long seed) {
    return Generators.uniform(Shape.of(2, 3, 2, 2), seed, -2, 2);
  }

  @Test
  void onlyTrainingPassesAreCounted() {
    BatchNorm2d bn = new BatchNorm2d(3);
    assertEquals(0, bn.numBatchesTracked());
    bn.call(image(1));
    bn.call(image(2));
    bn.call(image(3));
    assertEquals(3, bn.numBatchesTracked());
    try (var eval = Module.evaluating()) {
      bn.call(image(4));
    }
    bn.eval();
    bn.call(image(5));
    assertEquals(3, bn.numBatchesTracked(), "evaluation is not counted");
    bn.train();
    assertThrows(IllegalArgumentException.class, () -> bn.call(Tensor.ones(2, 4, 2, 2)));
    assertThrows(IllegalArgumentException.class, () -> bn.call(Tensor.ones(1, 3, 1, 1)));
    assertEquals(3, bn.numBatchesTracked(), "a refused input is not counted");
    try (var off = GradMode.off()) {
      bn.call(image(6));
    }
    assertEquals(4, bn.numBatchesTracked(), "training without a graph is still training");
  }

  @Test
  void batchNorm1dCountsMatricesAndSequences() {
    BatchNorm1d bn = new BatchNorm1d(2, 1e-5, 0.1, false);
    bn.call(Tensor.of(new double[][] {{1, 2}, {3, 5}}));
    bn.call(Tensor.ones(2, 2, 3));
    assertEquals(2, bn.numBatchesTracked());
  }

  @Test
  void theCounterIsAFloat64ScalarStateDictEntryUnderPyTorchsName() {
    BatchNorm2d bn = new BatchNorm2d(3);
    bn.call(image(1));
    bn.call(image(2));
    Tensor tracked = bn.stateDict().get("num_batches_tracked");
    assertEquals(Shape.of(), tracked.shape());
    assertEquals(DType.FLOAT64, tracked.dtype());
    assertEquals(2.0, tracked.item());
    assertTrue(!tracked.needsGrad() && bn.parameters().size() == 2, "a buffer, not a parameter");
    BatchNorm2d copy = new BatchNorm2d(3);
    copy.loadStateDict(bn.stateDict());
    assertEquals(2, copy.numBatchesTracked());
  }

  @Test
  void aStateDictWithoutTheCounterIsRefusedStrictlyAndLoadsLeniently() {
    BatchNorm2d trained = new BatchNorm2d(3);
    trained.call(image(1));
    Map<String, Tensor> older = new LinkedHashMap<>(trained.stateDict());
    older.remove("num_batches_tracked");
    BatchNorm2d bn = new BatchNorm2d(3);
    var e = assertThrows(IllegalArgumentException.class, () -> bn.loadStateDict(older));
    assertTrue(e.getMessage().contains("missing [num_batches_tracked]"), e.getMessage());
    assertArrayEquals(new double[3], bn.runningMean().toDoubleArray(), "a refused load changes nothing");
    assertEquals(List.of("num_batches_tracked"), bn.loadStateDict(older, false).missingKeys());
    assertArrayEquals(trained.runningMean().toDoubleArray(), bn.runningMean().toDoubleArray());
    assertEquals(0, bn.numBatchesTracked(), "the counter keeps its value");
  }

  @Test
  void aLoadedCountNoTrainingCouldLeaveIsRefusedByNameBeforeAnyUpdate() {
    for (double count : new double[] {-1, 2.5, Double.NaN, Double.POSITIVE_INFINITY}) {
      BatchNorm1d bn = new BatchNorm1d(2);
      Map<String, Tensor> state = new LinkedHashMap<>(bn.stateDict());
      state.put("num_batches_tracked", Tensor.scalar(DType.FLOAT64, count));
      bn.loadStateDict(state);
      var e = assertThrows(IllegalStateException.class, () -> bn.call(Tensor.of(new double[][] {{1, 2}, {3, 5}})));
      assertTrue(e.getMessage().contains("BatchNorm1d") && e.getMessage().contains("num_batches_tracked")
          && e.getMessage().contains(String.valueOf(count)), e.getMessage());
      assertArrayEquals(new double[2], bn.runningMean().toDoubleArray(), "running mean unchanged");
    }
  }
}
