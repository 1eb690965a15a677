package dev.chainrule.nn.data;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Tensor;

/**
 * A batch of samples: {@code features} of shape {@code (n, ...)} and {@code labels} of shape {@code (n, ...)},
 * row {@code i} of one belonging to row {@code i} of the other.
 */
public record Batch(Tensor features, Tensor labels) {
  public Batch {
    checkNotNull(features, "Batch: features must not be null");
    checkNotNull(labels, "Batch: labels must not be null");
  }

  /** The number of samples. */
  public int size() {
    return features.shape().dim(0);
  }
}
