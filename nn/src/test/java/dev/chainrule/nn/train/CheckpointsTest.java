package dev.chainrule.nn.train;

import static dev.chainrule.nn.train.Fixtures.assertSameState;
import static dev.chainrule.nn.train.Fixtures.epoch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.io.SafeTensors;
import dev.chainrule.autodiff.io.TensorFileFormatException;
import dev.chainrule.nn.layers.BatchNorm1d;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.layers.Sequential;
import dev.chainrule.nn.train.Fixtures.FakeState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {
  @TempDir
  Path dir;

  /** A trained Linear(2, 1), so its weights are not the initial ones. */
  private static Linear trained() {
    Linear model = Fixtures.linear(2, 1, 11);
    Fixtures.regressionTrainer(model, 0.05).epochs(2).build().fit(Fixtures.loader(Fixtures.regression(64, 7), 16),
        null);
    return model;
  }

  @Test
  void roundTripIsExactAndKeepsMetadata() throws IOException {
    Linear model = trained();
    Path file = dir.resolve("sub/dir/model.safetensors");
    Checkpoints.save(model, file, Map.of("epoch", "2"));
    Linear other = Fixtures.linear(2, 1, 99);
    Map<String, String> metadata = Checkpoints.load(other, file);
    assertSameState(model.stateDict(), other.stateDict());
    assertEquals(Map.of("format", "chainrule", "epoch", "2"), metadata);
    assertEquals(model.stateDict().keySet(), SafeTensors.load(file).keySet(), "stateDict names, in order");
  }

  /** Saves a trained model, damages the file, and checks the load fails with the other model unchanged. */
  private <E extends Exception> E rejected(Class<E> type, UnaryOperator<byte[]> damage) throws IOException {
    Path file = dir.resolve("model.safetensors");
    Checkpoints.save(trained(), file);
    Files.write(file, damage.apply(Files.readAllBytes(file)));
    Linear target = Fixtures.linear(2, 1, 5);
    Map<String, Tensor> before = EarlyStopping.copy(target.stateDict());
    E e = assertThrows(type, () -> Checkpoints.load(target, file));
    assertSameState(before, target.stateDict());
    return e;
  }

  @Test
  void aTruncatedFileIsRejectedWithTheModelUnchanged() throws IOException {
    TensorFileFormatException e = rejected(TensorFileFormatException.class,
        bytes -> Arrays.copyOf(bytes, bytes.length - 3));
    assertTrue(e.getMessage().startsWith(dir.resolve("model.safetensors").toString()), e.getMessage());
    rejected(TensorFileFormatException.class, bytes -> Arrays.copyOf(bytes, 5));
    rejected(TensorFileFormatException.class, bytes -> new byte[0]);
  }

  @Test
  void aCorruptedHeaderIsRejectedWithTheModelUnchanged() throws IOException {
    rejected(TensorFileFormatException.class, bytes -> {
      bytes[8] = 'x';
      return bytes;
    });
    rejected(TensorFileFormatException.class, bytes -> {
      bytes[7] = 0x7f;
      return bytes;
    });
    rejected(TensorFileFormatException.class, bytes -> {
      String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("\"F32\"", "\"F16\"");
      return text.getBytes(StandardCharsets.ISO_8859_1);
    });
  }

  /** Writes {@code tensors} as a checkpoint and loads it into a fresh model, which must stay unchanged. */
  private IllegalArgumentException mismatched(Map<String, Tensor> tensors) throws IOException {
    Path file = dir.resolve("other.safetensors");
    SafeTensors.save(file, tensors);
    Linear target = Fixtures.linear(2, 1, 5);
    Map<String, Tensor> before = EarlyStopping.copy(target.stateDict());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoints.load(target, file));
    assertSameState(before, target.stateDict());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    return e;
  }

  @Test
  void aFileWithAMissingUnexpectedOrMisShapedEntryIsRejectedWithTheModelUnchanged() throws IOException {
    Map<String, Tensor> missing = new LinkedHashMap<>();
    missing.put("weight", Tensor.ones(1, 2));
    assertTrue(mismatched(missing).getMessage().contains("missing [bias]"));

    Map<String, Tensor> unexpected = new LinkedHashMap<>(missing);
    unexpected.put("bias", Tensor.ones(1));
    unexpected.put("scale", Tensor.ones(1));
    assertTrue(mismatched(unexpected).getMessage().contains("unexpected [scale]"));

    Map<String, Tensor> misShaped = new LinkedHashMap<>(missing);
    misShaped.put("bias", Tensor.ones(3));
    String message = mismatched(misShaped).getMessage();
    assertTrue(message.contains("bias (expected shape (1,), found (3,))"), message);
  }

  /** Batch norm's counter is a scalar entry; a file saved before it existed is refused naming it. */
  @Test
  void batchNormsNumBatchesTrackedRoundTripsAndAnOlderFileWithoutItIsRefused() throws IOException {
    Sequential model = new Sequential(Fixtures.linear(2, 3, 1), new BatchNorm1d(3));
    model.call(Tensor.of(new double[][] {{1, 2}, {3, 5}}));
    model.call(Tensor.of(new double[][] {{0, 1}, {2, -1}, {4, 4}}));
    Path file = dir.resolve("model.safetensors");
    Checkpoints.save(model, file);
    Sequential loaded = new Sequential(Fixtures.linear(2, 3, 2), new BatchNorm1d(3));
    Checkpoints.load(loaded, file);
    assertSameState(model.stateDict(), loaded.stateDict());
    assertEquals(2, ((BatchNorm1d) loaded.get(1)).numBatchesTracked());

    Map<String, Tensor> older = new LinkedHashMap<>(model.stateDict());
    older.remove("1.num_batches_tracked");
    SafeTensors.save(file, older);
    var e = assertThrows(IllegalArgumentException.class, () -> Checkpoints.load(loaded, file));
    assertTrue(e.getMessage().contains("missing [1.num_batches_tracked]"), e.getMessage());
  }

  @Test
  void modelCheckpointSavesEveryEpochUnderItsNumber() throws IOException {
    Linear model = Fixtures.linear(2, 1, 11);
    ModelCheckpoint checkpoint = ModelCheckpoint.everyEpoch(dir.resolve("ckpt/model-{epoch}.safetensors"));
    Fixtures.regressionTrainer(model, 0.05).epochs(3).callbacks(checkpoint).build()
        .fit(Fixtures.loader(Fixtures.regression(64, 7), 16), null);
    for (int e = 1; e <= 3; e++) {
      assertTrue(Files.exists(dir.resolve("ckpt/model-" + e + ".safetensors")), "epoch " + e);
    }
    assertEquals(dir.resolve("ckpt/model-3.safetensors"), checkpoint.lastSaved());
    Linear loaded = Fixtures.linear(2, 1, 1);
    Map<String, String> metadata = Checkpoints.load(loaded, checkpoint.lastSaved());
    assertSameState(model.stateDict(), loaded.stateDict());
    assertEquals("3", metadata.get("epoch"));
    assertEquals("chainrule", metadata.get("format"));
    assertTrue(metadata.containsKey("loss") && metadata.containsKey("lr"), metadata.toString());
  }

  @Test
  void saveBestOnlyWritesOnlyImprovingEpochs() throws IOException {
    Linear model = Fixtures.linear(2, 1, 1);
    FakeState state = new FakeState(model, 4, 1);
    ModelCheckpoint checkpoint = ModelCheckpoint.bestOnly(dir.resolve("best-{epoch}.safetensors"), "val_loss");
    checkpoint.onTrainBegin(state);
    double[] losses = {1.0, 0.5, 0.7, 0.6};
    Map<String, Tensor> best = null;
    for (int e = 1; e <= losses.length; e++) {
      model.loadStateDict(Map.of("weight", Tensor.full(e, 1, 2), "bias", Tensor.full(-e, 1)));
      if (e == 2) {
        best = EarlyStopping.copy(model.stateDict());
      }
      state.endEpoch(checkpoint, epoch(e, "loss", 2.0, "val_loss", losses[e - 1]));
    }
    assertTrue(Files.exists(dir.resolve("best-1.safetensors")));
    assertTrue(Files.exists(dir.resolve("best-2.safetensors")));
    assertFalse(Files.exists(dir.resolve("best-3.safetensors")));
    assertFalse(Files.exists(dir.resolve("best-4.safetensors")));
    assertEquals(dir.resolve("best-2.safetensors"), checkpoint.lastSaved());
    Linear loaded = Fixtures.linear(2, 1, 1);
    Checkpoints.load(loaded, checkpoint.lastSaved());
    assertSameState(best, loaded.stateDict());
  }

  @Test
  void anUnwritableCheckpointEndsTraining() throws IOException {
    Path blocker = Files.writeString(dir.resolve("file"), "not a directory");
    ModelCheckpoint checkpoint = ModelCheckpoint.everyEpoch(blocker.resolve("model.safetensors"));
    Linear model = Fixtures.linear(2, 1, 1);
    FakeState state = new FakeState(model, 1, 1);
    checkpoint.onTrainBegin(state);
    Exception e = assertThrows(UncheckedIOException.class,
        () -> state.endEpoch(checkpoint, epoch(1, "loss", 1.0)));
    assertTrue(e.getMessage().contains("epoch 1"), e.getMessage());
  }
}
