package dev.chainrule.nn.layers.pool;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.ops.pool.Pool;
import dev.chainrule.autodiff.ops.pool.PoolOptions;
import dev.chainrule.nn.Module;

/**
 * {@code torch.nn.AvgPool2d}: {@code (N, C, H, W)} or {@code (C, H, W)} to {@code (..., OH, OW)}, the mean of
 * each window ({@link Pool#avgPool2d}); no parameters. {@code new AvgPool2d(2)} halves each side;
 * {@code new AvgPool2d(PoolOptions.kernel(3).stride(2).padding(1).countIncludePad(false))} for the other options.
 */
public final class AvgPool2d extends Module {
  private final PoolOptions options;

  /** A square kernel with stride = kernel, as {@code nn.AvgPool2d(kernel)}. */
  public AvgPool2d(int kernel) {
    this(PoolOptions.kernel(kernel));
  }

  public AvgPool2d(int kernel, int stride) {
    this(PoolOptions.kernel(kernel).stride(stride));
  }

  public AvgPool2d(int kernel, int stride, int padding) {
    this(PoolOptions.kernel(kernel).stride(stride).padding(padding));
  }

  public AvgPool2d(PoolOptions options) {
    this.options = checkNotNull(options, "AvgPool2d: options must not be null");
  }

  @Override
  public Tensor forward(Tensor x) {
    return Pool.avgPool2d(x, options);
  }

  public PoolOptions options() {
    return options;
  }

  @Override
  protected String extraRepr() {
    return Repr.avg(options, false);
  }
}
