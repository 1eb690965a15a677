package dev.chainrule.examples.cli;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.nn.data.Datasets;
import dev.chainrule.nn.data.Split;
import dev.chainrule.nn.data.Standardizer;
import dev.chainrule.nn.data.TensorDataset;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * A data set by name, split and standardised the same way for {@code train}, {@code evaluate} and {@code predict}:
 * the bundled sets are split 70/15/15 (stratified, with the seed); Fashion-MNIST keeps its 10,000 test images and
 * holds out 10% of its training images for validation. Images are flattened to one feature per pixel (the
 * network is fully connected). The standardiser is fitted on the training split only.
 */
record PreparedData(TensorDataset train, TensorDataset validation, TensorDataset test, Standardizer scaler,
    int features, int classes) {

  /** The names {@code --dataset} accepts. */
  static final List<String> NAMES = List.of("digits", "iris", "breast-cancer", "fashion-mnist");

  /**
   * The data set {@code name} (one of {@link #NAMES}), split with {@code seed}.
   *
   * @throws UserError when its files are missing or cannot be read (Fashion-MNIST is a separate package)
   */
  static PreparedData load(String name, long seed) {
    try {
      return read(name, seed);
    } catch (IOException | IllegalArgumentException e) {
      // a file of the set that is malformed, or holds no samples (or too few to split)
      throw new UserError("data set " + name + ": " + e.getMessage(), e);
    }
  }

  private static PreparedData read(String name, long seed) throws IOException {
    Rng rng = new Rng(seed);
    Split split;
    int classes;
    switch (name.toLowerCase(Locale.ROOT)) {
      case "digits" -> {
        split = Split.stratified(Datasets.digits().flatten(), 0.7, 0.15, rng);
        classes = 10;
      }
      case "iris" -> {
        split = Split.stratified(Datasets.iris(), 0.7, 0.15, rng);
        classes = 3;
      }
      case "breast-cancer" -> {
        split = Split.stratified(Datasets.breastCancer(), 0.7, 0.15, rng);
        classes = 2;
      }
      case "fashion-mnist" -> {
        Split trainAndValidation = Split.stratified(Datasets.fashionMnist(true).flatten(), 0.9, 0.1, rng);
        split = new Split(trainAndValidation.train(), trainAndValidation.validation(),
            Datasets.fashionMnist(false).flatten());
        classes = 10;
      }
      default -> throw new IllegalArgumentException("PreparedData: unknown data set '" + name + "'; choose one of "
          + String.join(", ", NAMES));
    }
    Standardizer scaler = Standardizer.fit(split.train().features());
    return new PreparedData(scaler.transform(split.train()), scaler.transform(split.validation()),
        scaler.transform(split.test()), scaler, split.train().features().shape().dim(1), classes);
  }
}
