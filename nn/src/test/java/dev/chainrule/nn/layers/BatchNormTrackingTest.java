package dev.chainrule.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.io.SafeTensors;
import dev.chainrule.autodiff.testing.Generators;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.train.Checkpoints;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code num_batches_tracked} buffer: what counts as a batch, its INT64 state-dict entry, saving and loading
 * it, the older FLOAT64 form and the values no training could leave.
 */
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
  void theCounterIsAnInt64ScalarStateDictEntryUnderPyTorchsName() {
    BatchNorm2d bn = new BatchNorm2d(3);
    assertEquals(DType.INT64, bn.stateDict().get("num_batches_tracked").dtype(), "INT64 before any training");
    bn.call(image(1));
    bn.call(image(2));
    Tensor tracked = bn.stateDict().get("num_batches_tracked");
    assertEquals(Shape.of(), tracked.shape());
    assertEquals(DType.INT64, tracked.dtype());
    assertEquals(2, tracked.longItem());
    assertTrue(!tracked.needsGrad() && bn.parameters().size() == 2, "a buffer, not a parameter");
    BatchNorm2d copy = new BatchNorm2d(3);
    copy.loadStateDict(bn.stateDict());
    assertEquals(2, copy.numBatchesTracked());
    copy.call(image(3));
    assertEquals(3, copy.numBatchesTracked(), "a loaded count goes on counting");
    assertEquals(2, bn.numBatchesTracked(), "the copy has its own counter");
  }

  @Test
  void aCheckpointRoundTripKeepsTheInt64Count(@TempDir Path dir) throws Exception {
    BatchNorm1d bn = BatchNorm1d.cumulative(2);
    for (int i = 0; i < 5; i++) {
      bn.call(Generators.uniform(Shape.of(4, 2), i, -1, 1));
    }
    Path file = dir.resolve("bn.safetensors");
    Checkpoints.save(bn, file, Map.of());
    assertEquals(DType.INT64, SafeTensors.load(file).get("num_batches_tracked").dtype(), "saved as I64");
    BatchNorm1d loaded = BatchNorm1d.cumulative(2);
    Checkpoints.load(loaded, file);
    assertEquals(5, loaded.numBatchesTracked());
    assertEquals(DType.INT64, loaded.stateDict().get("num_batches_tracked").dtype());
    assertArrayEquals(bn.runningMean().toDoubleArray(), loaded.runningMean().toDoubleArray());
    // the cumulative factor 1/t depends on the count, so both go on identically
    Tensor next = Generators.uniform(Shape.of(4, 2), 9, -1, 1);
    bn.call(next);
    loaded.call(next);
    assertArrayEquals(bn.runningVar().toDoubleArray(), loaded.runningVar().toDoubleArray());
  }

  @Test
  void anOlderFloatCountLoadsAsInt64() {
    for (DType type : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
      BatchNorm1d bn = BatchNorm1d.cumulative(2);
      Map<String, Tensor> older = new LinkedHashMap<>(bn.stateDict());
      older.put("num_batches_tracked", Tensor.scalar(type, 7));
      bn.loadStateDict(older);
      Tensor tracked = bn.stateDict().get("num_batches_tracked");
      assertEquals(DType.INT64, tracked.dtype(), "the buffer keeps its type");
      assertEquals(7, bn.numBatchesTracked(), type.toString());
      bn.call(Tensor.of(new double[][] {{1, 2}, {3, 5}}));
      assertEquals(8, bn.numBatchesTracked());
    }
  }

  @Test
  void aLoadedCountNoTrainingCouldLeaveIsRefusedByNameAndValue() {
    Tensor[] counts = {Tensor.scalar(DType.FLOAT64, -1), Tensor.scalar(DType.FLOAT64, 2.5),
        Tensor.scalar(DType.FLOAT32, 0.5f), Tensor.scalar(DType.FLOAT64, Double.NaN),
        Tensor.scalar(DType.FLOAT64, Double.POSITIVE_INFINITY), Tensor.of(new long[] {-3})};
    for (Tensor count : counts) {
      BatchNorm1d bn = new BatchNorm1d(2);
      bn.call(Tensor.of(new double[][] {{1, 2}, {3, 5}}));
      double[] mean = bn.runningMean().toDoubleArray();
      Map<String, Tensor> state = new LinkedHashMap<>(bn.stateDict());
      state.put("running_mean", Tensor.of(9f, 9f));
      state.put("num_batches_tracked", count);
      var e = assertThrows(IllegalArgumentException.class, () -> bn.loadStateDict(state));
      String value = count.dtype() == DType.INT64 ? String.valueOf(count.longItem()) : String.valueOf(count.item());
      assertTrue(e.getMessage().contains("BatchNorm1d") && e.getMessage().contains("num_batches_tracked " + value)
          && e.getMessage().contains("refused"), e.getMessage());
      assertArrayEquals(mean, bn.runningMean().toDoubleArray(), "a refused load changes nothing");
      assertEquals(1, bn.numBatchesTracked());
    }
  }

  @Test
  void aCountOfAnotherShapeOrTypeIsReportedByTheLoad() {
    BatchNorm1d bn = new BatchNorm1d(2);
    Map<String, Tensor> state = new LinkedHashMap<>(bn.stateDict());
    state.put("num_batches_tracked", Tensor.of(3.0, 4.0));
    var e = assertThrows(IllegalArgumentException.class, () -> bn.loadStateDict(state));
    assertTrue(e.getMessage().contains("mis-shaped [num_batches_tracked (expected shape ()"), e.getMessage());
    state.put("num_batches_tracked", Tensor.of(new boolean[] {true}).reshape());
    e = assertThrows(IllegalArgumentException.class, () -> bn.loadStateDict(state));
    assertTrue(e.getMessage().contains("mistyped [num_batches_tracked (expected int64, found bool)]"),
        e.getMessage());
  }

  @Test
  void inSequentialTheOlderFormLoadsUnderItsDottedName() {
    Sequential model = new Sequential(new Linear(2, 2, new Rng(1)), new BatchNorm1d(2));
    Map<String, Tensor> older = new LinkedHashMap<>(model.stateDict());
    older.put("1.num_batches_tracked", Tensor.scalar(DType.FLOAT64, 4));
    model.loadStateDict(older);
    assertEquals(4, ((BatchNorm1d) model.get(1)).numBatchesTracked());
    older.put("1.num_batches_tracked", Tensor.scalar(DType.FLOAT64, 4.5));
    var e = assertThrows(IllegalArgumentException.class, () -> model.loadStateDict(older));
    assertTrue(e.getMessage().contains("refused [1.num_batches_tracked: BatchNorm1d: num_batches_tracked 4.5"),
        e.getMessage());
  }

  @Test
  void aCountChangedInPlaceToANegativeValueIsRefusedBeforeAnyUpdate() {
    BatchNorm1d bn = new BatchNorm1d(2);
    try (var off = GradMode.off()) {
      bn.stateDict().get("num_batches_tracked").copyFrom(Tensor.of(new long[] {-1}));
    }
    var e = assertThrows(IllegalStateException.class, () -> bn.call(Tensor.of(new double[][] {{1, 2}, {3, 5}})));
    assertTrue(e.getMessage().contains("num_batches_tracked is -1"), e.getMessage());
    assertArrayEquals(new double[2], bn.runningMean().toDoubleArray(), "running mean unchanged");
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
}
