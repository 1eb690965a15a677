package dev.chainrule.nn.data.transforms;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.BatchTransform;

/**
 * Mirrors each image left to right with probability {@code p} (torchvision's {@code RandomHorizontalFlip}):
 * per sample, when {@code u < p} for a {@code u} uniform in {@code [0, 1)} drawn in sample order,
 * {@code y[c, i, j] = x[c, i, W - 1 - j]} for every channel; otherwise {@code y = x}.
 */
public final class RandomHorizontalFlip implements BatchTransform {
  private final double p;

  /** Flips half of the images, PyTorch's default. */
  public RandomHorizontalFlip() {
    this(0.5);
  }

  /** @param p the probability of flipping an image, in {@code [0, 1]} */
  public RandomHorizontalFlip(double p) {
    checkArgument(p >= 0 && p <= 1, "RandomHorizontalFlip: p must be in [0, 1], got %s", p);
    this.p = p;
  }

  @Override
  public Batch apply(Batch batch, Rng rng) {
    Tensor x = batch.features();
    Images.checkNchw("RandomHorizontalFlip", x);
    int n = x.shape().dim(0);
    int c = x.shape().dim(1);
    int h = x.shape().dim(2);
    int w = x.shape().dim(3);
    double[] values = x.toDoubleArray();
    for (int s = 0; s < n; s++) {
      if (rng.nextDouble() < p) {
        for (int row = s * c * h; row < (s + 1) * c * h; row++) {
          for (int j = 0, k = w - 1; j < k; j++, k--) {
            double t = values[row * w + j];
            values[row * w + j] = values[row * w + k];
            values[row * w + k] = t;
          }
        }
      }
    }
    return new Batch(Tensor.of(x.dtype(), values, x.shape().dims()), batch.labels());
  }

  @Override
  public String toString() {
    return "RandomHorizontalFlip(p=" + p + ")";
  }
}
