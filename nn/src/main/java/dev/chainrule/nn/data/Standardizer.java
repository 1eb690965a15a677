package dev.chainrule.nn.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Tensor;

/**
 * Standardisation {@code (x - mean) / std} per feature, with the mean and the population standard deviation over
 * the sample axis of the training features; like scikit-learn's {@code StandardScaler}. Features are the columns
 * of a {@code (samples, features)} matrix or, for samples of any shape {@code (samples, d1, d2, ...)} such as
 * images {@code (N, C, H, W)}, every position of the sample shape (one statistic per pixel, not per channel;
 * per channel is {@link dev.chainrule.nn.data.transforms.Normalize}). Fit on the training split
 * only, then transform every split with those statistics, so nothing about validation or test leaks into
 * training. A constant column (standard deviation 0) is only centred, becoming all zeros.
 *
 * <pre>{@code
 * Standardizer scaler = Standardizer.fit(split.train().features());
 * TensorDataset train = scaler.transform(split.train());
 * TensorDataset validation = scaler.transform(split.validation());
 * }</pre>
 */
public final class Standardizer {
  private final int[] sampleShape;
  private final double[] mean;
  private final double[] scale;
  private final double[] std;

  private Standardizer(int[] sampleShape, double[] mean, double[] std, double[] scale) {
    this.sampleShape = sampleShape;
    this.mean = mean;
    this.std = std;
    this.scale = scale;
  }

  /**
   * A standardizer from saved statistics: {@code mean} and {@code scale} as returned by {@link #mean()} and
   * {@link #scale()} of a fitted one, so that {@link #transform} gives exactly the same result. Their common
   * shape is the shape of one sample: {@code (features)} for a matrix.
   */
  public static Standardizer of(Tensor mean, Tensor scale) {
    checkArgument(mean.rank() >= 1 && mean.shape().equals(scale.shape()), "Standardizer: mean %s and scale %s must"
        + " have one shape, the shape of a sample", mean.shape(), scale.shape());
    double[] s = scale.toDoubleArray();
    for (int j = 0; j < s.length; j++) {
      checkArgument(s[j] > 0 && Double.isFinite(s[j]), "Standardizer: scale %s of column %s is not positive",
          (Object) s[j], j);
    }
    return new Standardizer(mean.shape().dims(), mean.toDoubleArray(), s.clone(), s);
  }

  private Standardizer(Columns columns) {
    this.sampleShape = columns.sampleShape;
    this.mean = columns.mean;
    this.std = columns.std;
    this.scale = columns.std.clone();
    for (int j = 0; j < scale.length; j++) {
      if (columns.constant(j)) {
        scale[j] = 1;
      }
    }
  }

  /**
   * Learns the per-feature mean and standard deviation over axis 0 of {@code trainFeatures}, of shape
   * {@code (samples, features)} or {@code (samples, d1, d2, ...)}.
   */
  public static Standardizer fit(Tensor trainFeatures) {
    return new Standardizer(Columns.of(checkNotNull(trainFeatures, "Standardizer: features must not be null"),
        "Standardizer"));
  }

  /** The fitted means, FLOAT64 of the shape of one sample ({@code (features)} for a matrix). */
  public Tensor mean() {
    return Tensor.of(DType.FLOAT64, mean, sampleShape);
  }

  /** The fitted population standard deviations, FLOAT64 of the shape of one sample. */
  public Tensor std() {
    return Tensor.of(DType.FLOAT64, std, sampleShape);
  }

  /** The divisors {@code transform} uses: the standard deviations, with 1 for constant columns; FLOAT64. */
  public Tensor scale() {
    return Tensor.of(DType.FLOAT64, scale, sampleShape);
  }

  /** {@code (x - mean) / std} with the fitted statistics, in the type of {@code features}. */
  public Tensor transform(Tensor features) {
    return Columns.affine(checkNotNull(features, "Standardizer: features must not be null"), sampleShape, mean,
        scale, "Standardizer");
  }

  /** The dataset with its features transformed and its labels unchanged. */
  public TensorDataset transform(TensorDataset dataset) {
    return new TensorDataset(transform(dataset.features()), dataset.labels());
  }
}
