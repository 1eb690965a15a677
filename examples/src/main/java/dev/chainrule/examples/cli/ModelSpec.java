package dev.chainrule.examples.cli;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.layers.LeakyReLU;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.layers.ReLU;
import dev.chainrule.nn.layers.Sequential;
import dev.chainrule.nn.layers.Sigmoid;
import dev.chainrule.nn.layers.Tanh;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code train} built, kept in the checkpoint's metadata so that {@code evaluate} and {@code predict} can
 * build the same network again: the data set, the layer sizes from input to output, the hidden activation and the
 * seed of the split.
 */
record ModelSpec(String dataset, int[] layers, String activation, long seed) {
  /** The names {@code --activation} accepts. */
  static final List<String> ACTIVATIONS = List.of("relu", "tanh", "sigmoid", "leaky-relu");

  ModelSpec {
    checkArgument(layers.length >= 2, "ModelSpec: a network needs at least an input and an output size, got %s",
        Arrays.toString(layers));
    checkArgument(Arrays.stream(layers).allMatch(n -> n >= 1), "ModelSpec: layer sizes must be at least 1, got %s",
        Arrays.toString(layers));
    activation = activation.toLowerCase(Locale.ROOT);
    checkArgument(ACTIVATIONS.contains(activation), "ModelSpec: unknown activation '%s'; choose one of %s",
        activation, String.join(", ", ACTIVATIONS));
  }

  /** A multilayer perceptron: Linear layers with the activation between them, logits out. */
  Sequential build(Rng rng) {
    List<Module> modules = new ArrayList<>();
    for (int i = 0; i + 1 < layers.length; i++) {
      modules.add(new Linear(layers[i], layers[i + 1], rng));
      if (i + 2 < layers.length) {
        modules.add(switch (activation) {
          case "tanh" -> new Tanh();
          case "sigmoid" -> new Sigmoid();
          case "leaky-relu" -> new LeakyReLU(0.01);
          default -> new ReLU();
        });
      }
    }
    return new Sequential(modules.toArray(Module[]::new));
  }

  Map<String, String> toMetadata() {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("dataset", dataset);
    metadata.put("layers", Arrays.stream(layers).mapToObj(Integer::toString).collect(Collectors.joining(",")));
    metadata.put("activation", activation);
    metadata.put("seed", Long.toString(seed));
    return metadata;
  }

  /**
   * The spec in the metadata of {@code file}, as {@link #toMetadata} wrote it.
   *
   * @throws UserError naming the file and the entry that is missing or does not parse
   */
  static ModelSpec fromMetadata(Map<String, String> metadata, Path file) {
    for (String key : List.of("dataset", "layers", "activation", "seed")) {
      if (!metadata.containsKey(key)) {
        throw UserError.of("%s has no '%s' entry in its metadata; pass a model written by chainrule train", file,
            key);
      }
    }
    String dataset = metadata.get("dataset");
    if (!PreparedData.NAMES.contains(dataset)) {
      throw UserError.of("%s: metadata 'dataset' is '%s', expected one of %s", file, dataset,
          String.join(", ", PreparedData.NAMES));
    }
    int[] layers;
    try {
      layers = Arrays.stream(metadata.get("layers").split(",", -1)).mapToInt(n -> Integer.parseInt(n.strip()))
          .toArray();
    } catch (NumberFormatException e) {
      layers = new int[0];
    }
    if (layers.length < 2 || Arrays.stream(layers).anyMatch(n -> n < 1)) {
      throw UserError.of("%s: metadata 'layers' is '%s', expected the layer sizes from input to output, e.g."
          + " 64,64,10", file, metadata.get("layers"));
    }
    String activation = metadata.get("activation");
    if (!ACTIVATIONS.contains(activation)) {
      throw UserError.of("%s: metadata 'activation' is '%s', expected one of %s", file, activation,
          String.join(", ", ACTIVATIONS));
    }
    long seed;
    try {
      seed = Long.parseLong(metadata.get("seed"));
    } catch (NumberFormatException e) {
      throw new UserError(String.format("%s: metadata 'seed' is '%s', expected a whole number", file,
          metadata.get("seed")), e);
    }
    return new ModelSpec(dataset, layers, activation, seed);
  }
}
