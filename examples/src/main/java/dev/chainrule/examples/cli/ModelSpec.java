package dev.chainrule.examples.cli;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.examples.RowLstm;
import dev.chainrule.examples.SmallCnn;
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
 * build the same network again: the data set, the kind of network, the layer sizes from input to output, the hidden
 * activation and the seed of the split. An {@code mlp}'s layers are all fully connected; a {@code cnn} is
 * {@link SmallCnn} on the data set's images, whose layers are the input's pixel count, then the fully connected
 * sizes after its convolutions (the classes last); an {@code lstm} is {@link RowLstm} reading each image row by
 * row, whose layers are the pixel count, the LSTM's hidden size and the classes (the activation is not used). A
 * model file without a {@code model} entry (written before there were CNNs) is an {@code mlp}.
 */
record ModelSpec(String dataset, String model, int[] layers, String activation, long seed) {
  /** The names {@code --activation} accepts. */
  static final List<String> ACTIVATIONS = List.of("relu", "tanh", "sigmoid", "leaky-relu");

  /** The names {@code --model} accepts in {@code train}. */
  static final List<String> MODELS = List.of("mlp", "cnn", "lstm");

  /** The image size of each data set of images, which a {@code cnn} and an {@code lstm} need. */
  private static final Map<String, int[]> IMAGE_SIDES = Map.of("digits", new int[] {8, 8}, "fashion-mnist",
      new int[] {28, 28});

  ModelSpec {
    checkArgument(MODELS.contains(model), "ModelSpec: unknown model '%s'; choose one of %s", model,
        String.join(", ", MODELS));
    checkArgument(model.equals("mlp") || IMAGE_SIDES.containsKey(dataset), "ModelSpec: a %s needs images; data"
        + " set %s has none", model, dataset);
    checkArgument(model.equals("mlp") || layers.length > 0 && layers[0] == pixels(dataset), "ModelSpec: a %s on"
        + " %s takes %s pixels, not %s", model, dataset, model.equals("mlp") ? 0 : pixels(dataset),
        layers.length > 0 ? layers[0] : 0);
    checkArgument(!model.equals("lstm") || layers.length == 3, "ModelSpec: an lstm's layers are the pixels, the"
        + " hidden size and the classes, got %s", Arrays.toString(layers));
    checkArgument(layers.length >= 2, "ModelSpec: a network needs at least an input and an output size, got %s",
        Arrays.toString(layers));
    checkArgument(Arrays.stream(layers).allMatch(n -> n >= 1), "ModelSpec: layer sizes must be at least 1, got %s",
        Arrays.toString(layers));
    activation = activation.toLowerCase(Locale.ROOT);
    checkArgument(ACTIVATIONS.contains(activation), "ModelSpec: unknown activation '%s'; choose one of %s",
        activation, String.join(", ", ACTIVATIONS));
  }

  private static int pixels(String dataset) {
    int[] side = IMAGE_SIDES.get(dataset);
    return side[0] * side[1];
  }

  /** Whether {@code dataset} holds images, which a {@code cnn} and an {@code lstm} need. */
  static boolean hasImages(String dataset) {
    return IMAGE_SIDES.containsKey(dataset);
  }

  /**
   * The network, taking rows of features (a {@code cnn} and an {@code lstm} unflatten them into their images
   * first); logits out.
   */
  Sequential build(Rng rng) {
    if (model.equals("lstm")) {
      int[] side = IMAGE_SIDES.get(dataset);
      return RowLstm.imageRows(side[0], side[1], layers[1], layers[2], rng);
    }
    if (model.equals("cnn")) {
      int[] side = IMAGE_SIDES.get(dataset);
      return SmallCnn.build(side[0], side[1], Arrays.copyOfRange(layers, 1, layers.length), this::newActivation, true,
          rng);
    }
    return perceptron(rng);
  }

  /** The number of parameters {@link #build} makes, computed without making them. */
  long parameterCount() {
    if (model.equals("lstm")) {
      return RowLstm.parameterCount(IMAGE_SIDES.get(dataset)[1], layers[1], layers[2]);
    }
    if (model.equals("cnn")) {
      int[] side = IMAGE_SIDES.get(dataset);
      return SmallCnn.parameterCount(side[0], side[1], Arrays.copyOfRange(layers, 1, layers.length));
    }
    long parameters = 0;
    for (int i = 0; i + 1 < layers.length; i++) {
      parameters += ((long) layers[i] + 1) * layers[i + 1];
    }
    return parameters;
  }

  /** A multilayer perceptron: Linear layers with the activation between them, logits out. */
  private Sequential perceptron(Rng rng) {
    List<Module> modules = new ArrayList<>();
    for (int i = 0; i + 1 < layers.length; i++) {
      modules.add(new Linear(layers[i], layers[i + 1], rng));
      if (i + 2 < layers.length) {
        modules.add(newActivation());
      }
    }
    return new Sequential(modules.toArray(Module[]::new));
  }

  private Module newActivation() {
    return switch (activation) {
      case "tanh" -> new Tanh();
      case "sigmoid" -> new Sigmoid();
      case "leaky-relu" -> new LeakyReLU(0.01);
      default -> new ReLU();
    };
  }

  Map<String, String> toMetadata() {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("dataset", dataset);
    metadata.put("model", model);
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
    String model = metadata.getOrDefault("model", "mlp");
    if (!MODELS.contains(model) || !model.equals("mlp") && !hasImages(dataset)) {
      throw UserError.of("%s: metadata 'model' is '%s', expected %s", file, model, hasImages(dataset)
          ? "one of " + String.join(", ", MODELS) : "mlp for data set " + dataset);
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
    if (!model.equals("mlp") && layers[0] != pixels(dataset)) {
      throw UserError.of("%s: metadata 'layers' is '%s', but a %s on %s takes %d pixels", file,
          metadata.get("layers"), model, dataset, pixels(dataset));
    }
    if (model.equals("lstm") && layers.length != 3) {
      throw UserError.of("%s: metadata 'layers' is '%s', but an lstm's are the pixels, the hidden size and the"
          + " classes, e.g. %d,128,10", file, metadata.get("layers"), pixels(dataset));
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
    return new ModelSpec(dataset, model, layers, activation, seed);
  }
}
