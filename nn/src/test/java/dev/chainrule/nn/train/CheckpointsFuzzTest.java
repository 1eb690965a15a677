package dev.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.io.SafeTensors;
import dev.chainrule.autodiff.io.TensorFileFormatException;
import dev.chainrule.autodiff.testing.FileMutator;
import dev.chainrule.autodiff.testing.FuzzRun;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.layers.BatchNorm1d;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.layers.Sequential;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged checkpoint either loads into the model, which then holds exactly the file's tensors, or is refused
 * as {@link Checkpoints#load} documents (a {@link TensorFileFormatException} for a malformed file, an
 * {@link IllegalArgumentException} for one that does not fit the model) with every parameter and buffer of the
 * model unchanged. The damage is {@link FileMutator}'s, over a fixed seed and a time budget ({@link FuzzRun}).
 */
class CheckpointsFuzzTest {
  private static final List<Class<? extends Exception>> DOCUMENTED = List.of(TensorFileFormatException.class,
      IllegalArgumentException.class);

  @TempDir
  Path dir;

  private static Module model(long seed) {
    Rng rng = new Rng(seed);
    return new Sequential(new Linear(3, 4, rng), new BatchNorm1d(4), new Linear(4, 2, rng));
  }

  @Test
  void aDamagedCheckpointLoadsWhatItHoldsOrLeavesTheModelUnchanged() throws IOException {
    Path original = dir.resolve("original.safetensors");
    Checkpoints.save(model(1), original, Map.of("epoch", "7"));
    byte[] bytes = Files.readAllBytes(original);
    long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
    FileMutator mutator = new FileMutator(8, 8 + (int) headerLength, 8);

    Path file = dir.resolve("damaged.safetensors");
    FuzzRun run = new FuzzRun("checkpoint");
    while (run.more()) {
      SplittableRandom random = run.nextCase();
      FileMutator.Mutant mutant = mutator.mutate(bytes, random);
      byte[] damaged = mutant.bytes();
      if (mutant.headerGrowth() != 0 && random.nextBoolean() && damaged.length >= 8) {
        ByteBuffer.wrap(damaged).order(ByteOrder.LITTLE_ENDIAN).putLong(0, headerLength + mutant.headerGrowth());
      }
      Files.write(file, damaged);
      Module target = model(2);
      Map<String, Tensor> before = EarlyStopping.copy(target.stateDict());
      var outcome = run.attempt(mutant.description(), () -> Checkpoints.load(target, file), DOCUMENTED);
      if (outcome.refusal() != null) {
        String message = outcome.refusal().getMessage();
        assertTrue(message.startsWith(file.toString()), run.where() + ": " + message);
        if (outcome.refusal() instanceof IllegalArgumentException) {
          assertTrue(message.startsWith(file + " does not fit the model: "), run.where() + ": " + message);
        }
        assertSameValues(before, target.stateDict(), run.where() + ": refused, but the model changed");
      } else {
        assertSameValues(SafeTensors.load(file), target.stateDict(), run.where() + ": loaded");
      }
    }
    run.finish();
  }

  /** The same names and shapes, and bit for bit the same values as FLOAT32 (the model's dtype). */
  private static void assertSameValues(Map<String, Tensor> expected, Map<String, Tensor> actual, String where) {
    assertEquals(expected.keySet(), actual.keySet(), where);
    expected.forEach((name, t) -> {
      assertEquals(t.shape(), actual.get(name).shape(), where + ": " + name);
      assertArrayEquals(t.toFloatArray(), actual.get(name).toFloatArray(), where + ": " + name);
    });
  }
}
