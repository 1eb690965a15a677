package dev.chainrule.nn.data;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Tensor;

/**
 * Min-max scaling {@code (x - min) / (max - min)} per feature column, with the minimum and maximum of the
 * training features, so training features land in {@code [0, 1]}; like scikit-learn's {@code MinMaxScaler}.
 * Fit on the training split only; other splits are mapped with the same statistics and may fall slightly
 * outside {@code [0, 1]}. A constant column becomes all zeros.
 */
public final class MinMaxScaler {
  private final double[] min;
  private final double[] max;
  private final double[] range;

  private MinMaxScaler(Columns columns) {
    this.min = columns.min;
    this.max = columns.max;
    this.range = new double[min.length];
    for (int j = 0; j < range.length; j++) {
      range[j] = columns.constant(j) ? 1 : max[j] - min[j];
    }
  }

  /** Learns the per-column minimum and maximum of {@code trainFeatures}, a {@code (samples, features)} matrix. */
  public static MinMaxScaler fit(Tensor trainFeatures) {
    return new MinMaxScaler(Columns.of(checkNotNull(trainFeatures, "MinMaxScaler: features must not be null"),
        "MinMaxScaler"));
  }

  /** The fitted minima, FLOAT64 of shape {@code (features)}. */
  public Tensor min() {
    return Tensor.of(DType.FLOAT64, min, min.length);
  }

  /** The fitted maxima, FLOAT64 of shape {@code (features)}. */
  public Tensor max() {
    return Tensor.of(DType.FLOAT64, max, max.length);
  }

  /** {@code (x - min) / (max - min)} with the fitted statistics, in the type of {@code features}. */
  public Tensor transform(Tensor features) {
    return Columns.affine(checkNotNull(features, "MinMaxScaler: features must not be null"), min, range,
        "MinMaxScaler");
  }

  /** The dataset with its features transformed and its labels unchanged. */
  public TensorDataset transform(TensorDataset dataset) {
    return new TensorDataset(transform(dataset.features()), dataset.labels());
  }
}
