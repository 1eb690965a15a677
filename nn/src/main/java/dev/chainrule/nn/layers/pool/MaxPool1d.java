package dev.chainrule.nn.layers.pool;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.ops.pool.Pool;
import dev.chainrule.autodiff.ops.pool.PoolOptions;
import dev.chainrule.nn.Module;

/**
 * {@code torch.nn.MaxPool1d}: {@code (N, C, L)} or {@code (C, L)} to {@code (..., OL)}, the maximum of each
 * window ({@link Pool#maxPool1d}); no parameters. {@code new MaxPool1d(2)}, or
 * {@code new MaxPool1d(PoolOptions.kernel(3).stride(2).dilation(2))} for the other options (square: one size).
 */
public final class MaxPool1d extends Module {
  private final PoolOptions options;

  /** Stride = kernel, as {@code nn.MaxPool1d(kernel)}. */
  public MaxPool1d(int kernel) {
    this(PoolOptions.kernel(kernel));
  }

  public MaxPool1d(int kernel, int stride) {
    this(PoolOptions.kernel(kernel).stride(stride));
  }

  public MaxPool1d(int kernel, int stride, int padding) {
    this(PoolOptions.kernel(kernel).stride(stride).padding(padding));
  }

  public MaxPool1d(PoolOptions options) {
    this.options = checkNotNull(options, "MaxPool1d: options must not be null");
  }

  @Override
  public Tensor forward(Tensor x) {
    return Pool.maxPool1d(x, options);
  }

  public PoolOptions options() {
    return options;
  }

  @Override
  protected String extraRepr() {
    return Repr.max(options, true);
  }
}
