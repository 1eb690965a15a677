package dev.chainrule.nn.layers;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Tensor;
import java.util.OptionalDouble;

/**
 * Batch normalisation of images {@code (N, C, H, W)} per channel {@code c}, over N, H and W, as
 * {@code torch.nn.BatchNorm2d}: {@code y = gamma_c * (x - mu_c) / sqrt(var_c + eps) + beta_c}. The math, the
 * running statistics (PyTorch's update with the unbiased variance, n = N*H*W) and the options are those of
 * {@link BatchNorm}; the defaults are PyTorch's: eps {@code 1e-5}, momentum {@code 0.1}, affine.
 * {@code cumulative} stands for PyTorch's {@code momentum=None}.
 */
public final class BatchNorm2d extends BatchNorm {

  /** {@code channels} channels with eps {@code 1e-5}, momentum {@code 0.1} and a trained affine map. */
  public BatchNorm2d(int channels) {
    this(channels, DEFAULT_EPS, DEFAULT_MOMENTUM, true);
  }

  /**
   * @param eps added to the variance before the square root, {@code > 0}
   * @param momentum the weight of the batch statistics in the running ones, in {@code [0, 1]}
   * @param affine whether {@code gamma} and {@code beta} exist and are trained
   */
  public BatchNorm2d(int channels, double eps, double momentum, boolean affine) {
    this(channels, eps, OptionalDouble.of(momentum), affine);
  }

  /**
   * {@code channels} channels whose running statistics are the plain average of those of every training batch so
   * far, PyTorch's {@code momentum=None}; eps {@code 1e-5} and a trained affine map.
   */
  public static BatchNorm2d cumulative(int channels) {
    return cumulative(channels, DEFAULT_EPS, true);
  }

  /**
   * The cumulative average (PyTorch's {@code momentum=None}): the t-th training batch's statistics weigh
   * {@code 1/t} in the running ones.
   *
   * @param eps added to the variance before the square root, {@code > 0}
   * @param affine whether {@code gamma} and {@code beta} exist and are trained
   */
  public static BatchNorm2d cumulative(int channels, double eps, boolean affine) {
    return new BatchNorm2d(channels, eps, OptionalDouble.empty(), affine);
  }

  private BatchNorm2d(int channels, double eps, OptionalDouble momentum, boolean affine) {
    super("BatchNorm2d", channels, eps, momentum, affine);
  }

  @Override
  void checkRank(Tensor x) {
    checkArgument(x.rank() == 4, "BatchNorm2d: input of shape %s must be (N, C, H, W)", x.shape());
  }
}
