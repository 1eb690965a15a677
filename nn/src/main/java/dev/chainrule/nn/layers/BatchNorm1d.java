package dev.chainrule.nn.layers;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Tensor;
import java.util.OptionalDouble;

/**
 * Batch normalisation of {@code (N, C)} or {@code (N, C, L)} inputs per feature {@code c}, over N (and L), as
 * {@code torch.nn.BatchNorm1d}: {@code y = gamma * (x - mu) / sqrt(var + eps) + beta}. The math, the running
 * statistics (PyTorch's update with the unbiased variance, n = N or N*L) and the options are those of
 * {@link BatchNorm}; the defaults are PyTorch's: eps {@code 1e-5}, momentum {@code 0.1}, affine.
 * {@code cumulative} stands for PyTorch's {@code momentum=None}.
 */
public final class BatchNorm1d extends BatchNorm {

  /** {@code features} channels with eps {@code 1e-5}, momentum {@code 0.1} and a trained affine map. */
  public BatchNorm1d(int features) {
    this(features, DEFAULT_EPS, DEFAULT_MOMENTUM, true);
  }

  /**
   * @param eps added to the variance before the square root, {@code > 0}
   * @param momentum the weight of the batch statistics in the running ones, in {@code [0, 1]}
   * @param affine whether {@code gamma} and {@code beta} exist and are trained
   */
  public BatchNorm1d(int features, double eps, double momentum, boolean affine) {
    this(features, eps, OptionalDouble.of(momentum), affine);
  }

  /**
   * {@code features} channels whose running statistics are the plain average of those of every training batch so
   * far, PyTorch's {@code momentum=None}; eps {@code 1e-5} and a trained affine map.
   */
  public static BatchNorm1d cumulative(int features) {
    return cumulative(features, DEFAULT_EPS, true);
  }

  /**
   * The cumulative average (PyTorch's {@code momentum=None}): the t-th training batch's statistics weigh
   * {@code 1/t} in the running ones.
   *
   * @param eps added to the variance before the square root, {@code > 0}
   * @param affine whether {@code gamma} and {@code beta} exist and are trained
   */
  public static BatchNorm1d cumulative(int features, double eps, boolean affine) {
    return new BatchNorm1d(features, eps, OptionalDouble.empty(), affine);
  }

  private BatchNorm1d(int features, double eps, OptionalDouble momentum, boolean affine) {
    super("BatchNorm1d", features, eps, momentum, affine);
  }

  @Override
  void checkRank(Tensor x) {
    checkArgument(x.rank() == 2 || x.rank() == 3, "BatchNorm1d: input of shape %s must be (N, C) or (N, C, L)",
        x.shape());
  }
}
