package dev.chainrule.nn.data.transforms;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.BatchTransform;

/**
 * Random crop with zero padding, the translation augmentation of small-image training (torchvision's
 * {@code RandomCrop(size, padding=p)} with the size of the input): each image {@code (C, H, W)} is padded by
 * {@code p} zeros on every side and cropped back to {@code H x W} at an offset {@code (top, left)} drawn per
 * sample uniformly from {@code [0, 2p]^2} (top first, then left), so that
 * {@code y[c, i, j] = x[c, i + top - p, j + left - p]}, or 0 where that falls outside the image. All channels of
 * a sample move together.
 */
public final class RandomCrop implements BatchTransform {
  private final int padding;

  /** @param padding zeros added on each side before cropping, {@code >= 0} (0 leaves images as they are) */
  public RandomCrop(int padding) {
    checkArgument(padding >= 0, "RandomCrop: padding must be >= 0, got %s", padding);
    this.padding = padding;
  }

  @Override
  public Batch apply(Batch batch, Rng rng) {
    Tensor x = batch.features();
    Images.checkNchw("RandomCrop", x);
    int n = x.shape().dim(0);
    int c = x.shape().dim(1);
    int h = x.shape().dim(2);
    int w = x.shape().dim(3);
    double[] in = x.toDoubleArray();
    double[] out = new double[in.length];
    int plane = h * w;
    for (int s = 0; s < n; s++) {
      int dy = rng.nextInt(2 * padding + 1) - padding;
      int dx = rng.nextInt(2 * padding + 1) - padding;
      int rows = h - Math.abs(dy);
      int cols = w - Math.abs(dx);
      if (rows <= 0 || cols <= 0) {
        continue; // shifted off the image: all padding
      }
      for (int ch = 0; ch < c; ch++) {
        int base = (s * c + ch) * plane;
        for (int i = Math.max(0, -dy); i < Math.max(0, -dy) + rows; i++) {
          System.arraycopy(in, base + (i + dy) * w + Math.max(0, dx), out, base + i * w + Math.max(0, -dx), cols);
        }
      }
    }
    return new Batch(Tensor.of(x.dtype(), out, x.shape().dims()), batch.labels());
  }

  @Override
  public String toString() {
    return "RandomCrop(padding=" + padding + ")";
  }
}
