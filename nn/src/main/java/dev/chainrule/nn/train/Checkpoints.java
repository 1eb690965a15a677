package dev.chainrule.nn.train;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.io.SafeTensors;
import dev.chainrule.autodiff.io.TensorFileFormatException;
import dev.chainrule.nn.Module;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Saves and loads a model's {@link Module#stateDict() state dict} as a safetensors file, readable by Python's
 * {@code safetensors.torch.load_file}: one tensor per dotted name, and metadata
 * {@code {"format": "chainrule", ...}}.
 *
 * <p>Loading is all or nothing: the file is read and checked completely ({@link SafeTensors#load}), then
 * loaded strictly ({@link Module#loadStateDict(Map)}), which validates every entry before copying any. A
 * truncated or corrupted file ({@link TensorFileFormatException}) or one with a missing, unexpected or
 * mis-shaped entry ({@link IllegalArgumentException}) is rejected with the model unchanged.
 */
public final class Checkpoints {
  /** The metadata key naming the writer, as PyTorch's {@code {"format": "pt"}}. */
  public static final String FORMAT_KEY = "format";

  /** The value of {@link #FORMAT_KEY} in files written here. */
  public static final String FORMAT = "chainrule";

  private Checkpoints() {}

  /** Saves {@code model}'s state dict to {@code file}; see {@link #save(Module, Path, Map)}. */
  public static void save(Module model, Path file) throws IOException {
    save(model, file, Map.of());
  }

  /**
   * Saves {@code model}'s state dict to {@code file} with {@code metadata} (e.g. {@code epoch}) and
   * {@code format=chainrule}, creating missing parent directories. The file is replaced atomically, so a crash
   * leaves the previous checkpoint or the new one, never a torn file.
   */
  public static void save(Module model, Path file, Map<String, String> metadata) throws IOException {
    checkNotNull(model, "save: model must not be null");
    checkNotNull(file, "save: file must not be null");
    Map<String, String> all = new TreeMap<>(metadata);
    all.put(FORMAT_KEY, FORMAT);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    SafeTensors.save(file, model.stateDict(), all);
  }

  /**
   * Loads {@code file} into {@code model}, strictly, and returns the file's metadata.
   *
   * @throws TensorFileFormatException when the file is not a valid safetensors file; the model is unchanged
   * @throws IllegalArgumentException naming the file and every missing, unexpected or mis-shaped entry; the
   *     model is unchanged
   */
  public static Map<String, String> load(Module model, Path file) throws IOException {
    checkNotNull(model, "load: model must not be null");
    checkNotNull(file, "load: file must not be null");
    Map<String, String> metadata = SafeTensors.readMetadata(file);
    Map<String, Tensor> state = SafeTensors.load(file);
    try {
      model.loadStateDict(state);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + " does not fit the model: " + e.getMessage(), e);
    }
    return metadata;
  }
}
