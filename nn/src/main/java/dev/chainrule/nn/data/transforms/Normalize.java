package dev.chainrule.nn.data.transforms;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.BatchTransform;
import java.util.Arrays;

/**
 * Normalisation per channel, torchvision's {@code Normalize(mean, std)}: {@code y[n, c, ...] = (x[n, c, ...] -
 * mean[c]) / std[c]} over features {@code (N, C)}, {@code (N, C, L)} or {@code (N, C, H, W)}. Deterministic, so
 * not an augmentation: the loader applies it in evaluation too, and the same statistics (those of the training
 * images) belong on every split's loader.
 */
public final class Normalize implements BatchTransform {
  private final double[] mean;
  private final double[] std;

  /** @param mean and {@code std}, one per channel; every std positive and finite */
  public Normalize(double[] mean, double[] std) {
    checkNotNull(mean, "Normalize: mean must not be null");
    checkNotNull(std, "Normalize: std must not be null");
    checkArgument(mean.length >= 1 && mean.length == std.length, "Normalize: mean %s and std %s need one value per"
        + " channel each", Arrays.toString(mean), Arrays.toString(std));
    for (double s : std) {
      checkArgument(s > 0 && Double.isFinite(s), "Normalize: std %s must be positive and finite",
          Arrays.toString(std));
    }
    this.mean = mean.clone();
    this.std = std.clone();
  }

  @Override
  public Batch apply(Batch batch, Rng rng) {
    Tensor x = batch.features();
    checkArgument(x.rank() >= 2 && x.shape().dim(1) == mean.length, "Normalize: features of shape %s must have"
        + " the %s channels of mean and std on axis 1", x.shape(), mean.length);
    int c = mean.length;
    int inner = x.size() / Math.max(1, x.shape().dim(0) * c);
    double[] values = x.toDoubleArray();
    for (int i = 0; i < values.length; i++) {
      int ch = (i / inner) % c;
      values[i] = (values[i] - mean[ch]) / std[ch];
    }
    return new Batch(Tensor.of(x.dtype(), values, x.shape().dims()), batch.labels());
  }

  @Override
  public boolean isAugmentation() {
    return false;
  }

  @Override
  public String toString() {
    return "Normalize(mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + ")";
  }
}
