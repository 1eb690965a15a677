package dev.chainrule.examples.lessons;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.data.Datasets;
import dev.chainrule.nn.data.Split;
import dev.chainrule.nn.data.Standardizer;
import dev.chainrule.nn.data.TensorDataset;

/**
 * The bundled 8x8 handwritten digits, each image flattened to 64 features, split 70 / 15 / 15 with the class proportions kept, every split
 * standardised with the training split's statistics, {@code x' = (x - mean_train) / std_train} per pixel. The
 * test images are also kept as they were (grey levels 0 to 16), for pictures.
 */
record StandardizedDigits(TensorDataset train, TensorDataset validation, TensorDataset test, Tensor rawTestImages) {

  /** The split drawn with {@code new Rng(seed)}: the same seed gives the same three parts. */
  static StandardizedDigits load(long seed) {
    Split split = Split.stratified(Datasets.digits().flatten(), 0.7, 0.15, new Rng(seed));
    Standardizer scaler = Standardizer.fit(split.train().features());
    return new StandardizedDigits(scaler.transform(split.train()), scaler.transform(split.validation()),
        scaler.transform(split.test()), split.test().features());
  }
}
