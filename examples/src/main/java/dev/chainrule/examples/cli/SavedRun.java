package dev.chainrule.examples.cli;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.io.AtomicFile;
import dev.chainrule.autodiff.io.SafeTensors;
import dev.chainrule.autodiff.io.TensorFileFormatException;
import dev.chainrule.nn.data.Standardizer;
import dev.chainrule.nn.layers.Sequential;
import dev.chainrule.nn.train.Checkpoints;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code train} wrote, loaded back for {@code evaluate} and {@code predict}: the spec from the model file's
 * metadata, the network rebuilt from it with the saved weights, and the standardiser from the scaler file beside
 * it. Every way the files can be wrong (missing, a directory, not safetensors, metadata that does not parse,
 * weights of another network or holding NaN, a missing or mismatched scaler) is a {@link UserError} naming the file.
 */
record SavedRun(ModelSpec spec, Sequential model, Standardizer scaler) {
  private static final String TRAIN_FIRST = "train one first with ./chainrule train, or pass --model FILE";

  /**
   * Loads the run whose model file is {@code modelFile} (given with {@code --model}), first finishing a save that
   * a stopped {@code train} left half done; what that recovery did is said on {@code console}.
   */
  static SavedRun load(Path modelFile, PrintStream console) {
    OptionChecks.given("--model", modelFile);
    Path directory = modelFile.toAbsolutePath().normalize().getParent();
    if (directory != null && directory.getParent() != null) {
      try {
        RunSwap.recover(directory).forEach(console::println);
      } catch (IOException e) {
        throw new UserError(String.format("--model %s: cannot finish the save a stopped train left in %s (%s)",
            modelFile, directory, AtomicFile.reason(e)), e);
      }
    }
    OptionChecks.readableFile("--model", modelFile, TRAIN_FIRST);
    Map<String, String> metadata = read(modelFile, () -> SafeTensors.readMetadata(modelFile));
    ModelSpec spec = ModelSpec.fromMetadata(metadata, modelFile);
    requireRoomFor(spec, modelFile);
    Sequential model = spec.build(new Rng(0));
    try {
      read(modelFile, () -> Checkpoints.load(model, modelFile));
    } catch (IllegalArgumentException e) {
      throw new UserError("--model " + e.getMessage(), e);
    }
    requireFinite(model, modelFile);
    return new SavedRun(spec, model, scaler(modelFile.resolveSibling(TrainCommand.SCALER_FILE), spec));
  }

  /**
   * Refuses weights that hold NaN or infinity (a damaged file, or one written from a run that diverged), which
   * would make every prediction NaN.
   */
  private static void requireFinite(Sequential model, Path file) {
    for (Map.Entry<String, Tensor> parameter : model.namedParameters().entrySet()) {
      for (double value : parameter.getValue().toDoubleArray()) {
        if (!Double.isFinite(value)) {
          throw UserError.of("%s: its parameter %s holds %s; the file is damaged or its run diverged: train it"
              + " again", file, parameter.getKey(), value);
        }
      }
    }
  }

  /** The standardiser in {@code file}, which must fit the model's input. */
  private static Standardizer scaler(Path file, ModelSpec spec) {
    if (!Files.isRegularFile(file)) {
      throw UserError.of("%s is missing beside the model; the run is incomplete: train it again", file);
    }
    Map<String, Tensor> scaler = read(file, () -> SafeTensors.load(file));
    Tensor mean = scaler.get("mean");
    Tensor scale = scaler.get("scale");
    int features = spec.layers()[0];
    if (mean == null || scale == null || mean.rank() != 1 || mean.shape().dim(0) != features
        || !mean.shape().equals(scale.shape())) {
      throw UserError.of("%s does not hold the 'mean' and 'scale' vectors of %d features the model takes (it holds"
          + " %s); train the run again", file, features, scaler.keySet());
    }
    try {
      return Standardizer.of(mean, scale);
    } catch (IllegalArgumentException e) {
      throw new UserError(file + ": " + e.getMessage() + "; train the run again", e);
    }
  }

  /**
   * Refuses metadata that describes a network with more weights than the file has bytes for, before building it
   * (a corrupted size such as 4,2000000000,3 would otherwise exhaust the memory).
   */
  private static void requireRoomFor(ModelSpec spec, Path file) {
    long parameters = spec.parameterCount();
    long size = read(file, () -> Files.size(file));
    if (parameters > size / Float.BYTES) {
      throw UserError.of("%s: its metadata describes a network of %d parameters, more than its %d bytes can hold;"
          + " the file is damaged or was not written by chainrule train", file, parameters, size);
    }
  }

  private interface Read<T> {
    T get() throws IOException;
  }

  /** Runs a read of {@code file}, turning a malformed or unreadable file into a user error naming it. */
  private static <T> T read(Path file, Read<T> read) {
    try {
      return read.get();
    } catch (TensorFileFormatException e) {
      throw new UserError(e.getMessage() + " (not a file written by chainrule train?)", e);
    } catch (IOException e) {
      throw new UserError(String.format("%s cannot be read (%s)", file, AtomicFile.reason(e)), e);
    }
  }
}
