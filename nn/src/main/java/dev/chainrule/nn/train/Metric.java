package dev.chainrule.nn.train;

import dev.chainrule.autodiff.Tensor;

/**
 * A quality measure of a model's output on a batch, averaged over the samples of an epoch: the trainer weights
 * each batch's value by its number of samples. The trainer counts NaN instead of the value for a batch whose
 * features or output hold NaN.
 */
public interface Metric {
  /** The key in {@link History}, e.g. {@code accuracy} (and {@code val_accuracy} on validation data). */
  String name();

  /** The mean of the metric over the samples of one batch. */
  double value(Tensor output, Tensor labels);
}
