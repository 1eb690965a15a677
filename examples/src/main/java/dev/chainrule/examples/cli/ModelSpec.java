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
  static final String ACTIVATIONS = "relu, tanh, sigmoid, leaky-relu";

  ModelSpec {
    checkArgument(layers.length >= 2, "a network needs at least an input and an output size");
    activation = activation.toLowerCase(Locale.ROOT);
    checkArgument(List.of("relu", "tanh", "sigmoid", "leaky-relu").contains(activation),
        "unknown activation '%s'; choose one of %s", activation, ACTIVATIONS);
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

  static ModelSpec fromMetadata(Map<String, String> metadata) {
    for (String key : List.of("dataset", "layers", "activation", "seed")) {
      checkArgument(metadata.containsKey(key), "the checkpoint has no '%s' entry in its metadata; was it written by"
          + " chainrule train?", key);
    }
    int[] layers = Arrays.stream(metadata.get("layers").split(",")).mapToInt(Integer::parseInt).toArray();
    return new ModelSpec(metadata.get("dataset"), layers, metadata.get("activation"),
        Long.parseLong(metadata.get("seed")));
  }
}
