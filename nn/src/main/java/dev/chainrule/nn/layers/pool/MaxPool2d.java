package dev.chainrule.nn.layers.pool;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.ops.pool.Pool;
import dev.chainrule.autodiff.ops.pool.PoolOptions;
import dev.chainrule.nn.Module;

/**
 * {@code torch.nn.MaxPool2d}: {@code (N, C, H, W)} or {@code (C, H, W)} to {@code (..., OH, OW)}, the maximum of
 * each window ({@link Pool#maxPool2d}); no parameters. {@code new MaxPool2d(2)} halves each side;
 * {@code new MaxPool2d(PoolOptions.kernel(3).stride(2).padding(1).ceilMode(true))} for the other options.
 */
public final class MaxPool2d extends Module {
  private final PoolOptions options;

  /** A square kernel with stride = kernel, as {@code nn.MaxPool2d(kernel)}. */
  public MaxPool2d(int kernel) {
    this(PoolOptions.kernel(kernel));
  }

  public MaxPool2d(int kernel, int stride) {
    this(PoolOptions.kernel(kernel).stride(stride));
  }

  public MaxPool2d(int kernel, int stride, int padding) {
    this(PoolOptions.kernel(kernel).stride(stride).padding(padding));
  }

  public MaxPool2d(PoolOptions options) {
    this.options = checkNotNull(options, "MaxPool2d: options must not be null");
  }

  @Override
  public Tensor forward(Tensor x) {
    return Pool.maxPool2d(x, options);
  }

  public PoolOptions options() {
    return options;
  }

  @Override
  protected String extraRepr() {
    return Repr.max(options, false);
  }
}
