package dev.chainrule.autodiff.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.testing.FileMutator;
import dev.chainrule.autodiff.testing.FuzzRun;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged safetensors and .npy files, made by {@link FileMutator} from valid ones (truncations, bit flips, bytes
 * and integers written over the length fields, edits of the header's tokens), either load correctly, as
 * {@link TensorFileOracle} reads the damaged bytes, or are refused with a {@link TensorFileFormatException}
 * naming the file: never an {@code Error}, never another exception. Each run has a fixed seed and a time budget
 * ({@link FuzzRun}).
 */
class TensorFileFuzzTest {
  private static final List<Class<? extends Exception>> DOCUMENTED = List.of(TensorFileFormatException.class);

  @TempDir
  Path dir;

  private static Tensor floats(SplittableRandom random, int... dims) {
    float[] values = new float[Shape.of(dims).size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return Tensor.wrap(Shape.of(dims), values);
  }

  private static Tensor doubles(SplittableRandom random, int... dims) {
    double[] values = new double[Shape.of(dims).size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextGaussian();
    }
    return Tensor.wrap(Shape.of(dims), values);
  }

  /** Writes the new header length into a mutant whose header an edit made longer or shorter, half the time. */
  private static byte[] withLength(FileMutator.Mutant mutant, SplittableRandom random, int at, int width,
      long length) {
    byte[] bytes = mutant.bytes();
    if (mutant.headerGrowth() != 0 && random.nextBoolean() && bytes.length >= at + width) {
      ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      long grown = length + mutant.headerGrowth();
      if (width == 8) {
        b.putLong(at, grown);
      } else if (width == 4) {
        b.putInt(at, (int) grown);
      } else {
        b.putShort(at, (short) grown);
      }
    }
    return bytes;
  }

  private static void assertNamesTheFile(Path file, Exception refusal, FuzzRun run) {
    TensorFileFormatException e = (TensorFileFormatException) refusal;
    assertEquals(file, e.file(), run.where());
    assertTrue(e.getMessage().startsWith(file + ": "), run.where() + ": " + e.getMessage());
  }

  @Test
  void damagedSafeTensorsFilesLoadCorrectlyOrAreRefused() throws IOException {
    SplittableRandom values = new SplittableRandom(1);
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("layer1.weight", floats(values, 2, 3));
    tensors.put("layer1.bias", doubles(values, 3));
    tensors.put("scale", floats(values));
    tensors.put("empty", floats(values, 0, 2));
    Path original = dir.resolve("original.safetensors");
    SafeTensors.save(original, tensors, Map.of("format", "chainrule", "epoch", "3"));
    byte[] bytes = Files.readAllBytes(original);
    long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
    FileMutator mutator = new FileMutator(8, 8 + (int) headerLength, 8);

    Path file = dir.resolve("damaged.safetensors");
    FuzzRun run = new FuzzRun("safetensors");
    while (run.more()) {
      SplittableRandom random = run.nextCase();
      FileMutator.Mutant mutant = mutator.mutate(bytes, random);
      byte[] damaged = withLength(mutant, random, 0, 8, headerLength);
      Files.write(file, damaged);
      var outcome = run.attempt(mutant.description(),
          () -> Map.entry(SafeTensors.load(file), SafeTensors.readMetadata(file)), DOCUMENTED);
      if (outcome.refusal() != null) {
        assertNamesTheFile(file, outcome.refusal(), run);
      } else {
        TensorFileOracle.assertSafeTensors(damaged, outcome.loaded().getKey(), outcome.loaded().getValue(),
            run.where());
      }
    }
    run.finish();
  }

  @Test
  void damagedNpyFilesLoadCorrectlyOrAreRefused() throws IOException {
    SplittableRandom values = new SplittableRandom(2);
    List<Tensor> tensors = List.of(floats(values, 2, 3), doubles(values, 4), floats(values), doubles(values, 0, 3));
    List<byte[]> files = new ArrayList<>();
    for (Tensor t : tensors) {
      Path original = dir.resolve("original.npy");
      Npy.save(original, t);
      files.add(Files.readAllBytes(original));
    }

    Path file = dir.resolve("damaged.npy");
    FuzzRun run = new FuzzRun(".npy");
    while (run.more()) {
      SplittableRandom random = run.nextCase();
      byte[] bytes = files.get(random.nextInt(files.size()));
      int headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getShort(8);
      FileMutator.Mutant mutant = new FileMutator(10, 10 + headerLength, 10).mutate(bytes, random);
      byte[] damaged = withLength(mutant, random, 8, 2, headerLength);
      Files.write(file, damaged);
      var outcome = run.attempt(mutant.description(), () -> Npy.load(file), DOCUMENTED);
      if (outcome.refusal() != null) {
        assertNamesTheFile(file, outcome.refusal(), run);
      } else {
        TensorFileOracle.assertNpy(damaged, outcome.loaded(), run.where());
      }
    }
    run.finish();
  }
}
