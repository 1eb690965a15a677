package dev.chainrule.nn.data;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Tensor;

/**
 * Min-max scaling {@code (x - min) / (max - min)} per feature, with the minimum and maximum over the sample axis
 * of the training features (columns of {@code (samples, features)}, or every position of the sample shape of
 * {@code (samples, d1, d2, ...)}), so training features land in {@code [0, 1]}; like scikit-learn's {@code MinMaxScaler}.
 * Fit on the training split only; other splits are mapped with the same statistics and may fall slightly
 * outside {@code [0, 1]}. A constant column becomes all zeros.
 */
public final class MinMaxScaler {
  private final int[] sampleShape;
  private final double[] min;
  private final double[] max;
  private final double[] range;

  private MinMaxScaler(Columns columns) {
    this.sampleShape = columns.sampleShape;
    this.min = columns.min;
    this.max = columns.max;
    this.range = new double[min.length];
    for (int j = 0; j < range.length; j++) {
      range[j] = columns.constant(j) ? 1 : max[j] - min[j];
    }
  }

  /**
   * Learns the per-feature minimum and maximum over axis 0 of {@code trainFeatures}, of shape
   * {@code (samples, features)} or {@code (samples, d1, d2, ...)}.
   */
  public static MinMaxScaler fit(Tensor trainFeatures) {
    return new MinMaxScaler(Columns.of(checkNotNull(trainFeatures, "MinMaxScaler: features must not be null"),
        "MinMaxScaler"));
  }

  /** The fitted minima, FLOAT64 of the shape of one sample. */
  public Tensor min() {
    return Tensor.of(DType.FLOAT64, min, sampleShape);
  }

  /** The fitted maxima, FLOAT64 of the shape of one sample. */
  public Tensor max() {
    return Tensor.of(DType.FLOAT64, max, sampleShape);
  }

  /** {@code (x - min) / (max - min)} with the fitted statistics, in the type of {@code features}. */
  public Tensor transform(Tensor features) {
    return Columns.affine(checkNotNull(features, "MinMaxScaler: features must not be null"), sampleShape, min,
        range, "MinMaxScaler");
  }

  /** The dataset with its features transformed and its labels unchanged. */
  public TensorDataset transform(TensorDataset dataset) {
    return new TensorDataset(transform(dataset.features()), dataset.labels());
  }
}
