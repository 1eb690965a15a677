package dev.chainrule.nn.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Tensor;

/**
 * A dataset held in two tensors whose axis 0 is the sample axis; a batch is gathered with one
 * {@code indexSelect} per tensor. Like PyTorch's {@code TensorDataset}.
 */
public final class TensorDataset implements Dataset {
  private final Tensor features;
  private final Tensor labels;

  /** Samples {@code features[i]} with labels {@code labels[i]}; both need at least one axis, of equal length. */
  public TensorDataset(Tensor features, Tensor labels) {
    checkNotNull(features, "TensorDataset: features must not be null");
    checkNotNull(labels, "TensorDataset: labels must not be null");
    checkArgument(features.rank() >= 1 && labels.rank() >= 1,
        "TensorDataset: features %s and labels %s need a sample axis (rank >= 1)", features.shape(),
        labels.shape());
    checkArgument(features.shape().dim(0) == labels.shape().dim(0),
        "TensorDataset: features %s and labels %s must have the same number of samples on axis 0 (%s != %s)",
        features.shape(), labels.shape(), features.shape().dim(0), labels.shape().dim(0));
    this.features = features;
    this.labels = labels;
  }

  public Tensor features() {
    return features;
  }

  public Tensor labels() {
    return labels;
  }

  /**
   * The same samples with each one's features flattened: {@code (N, d1, d2, ...)} becomes
   * {@code (N, d1*d2*...)} in row-major order (an image's pixels row by row), the layout a fully connected
   * network takes; labels unchanged. Features that are already {@code (N, features)} or {@code (N)} stay as
   * they are.
   */
  public TensorDataset flatten() {
    return features.rank() <= 2 ? this : new TensorDataset(features.flatten(1, -1), labels);
  }

  @Override
  public int size() {
    return features.shape().dim(0);
  }

  @Override
  public Batch get(int[] indices) {
    return new Batch(features.indexSelect(0, indices), labels.indexSelect(0, indices));
  }

  @Override
  public String toString() {
    return "TensorDataset(" + size() + " samples, features " + features.shape() + " " + features.dtype()
        + ", labels " + labels.shape() + ")";
  }
}
