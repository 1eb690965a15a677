package dev.chainrule.nn.layers.pool;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.ops.pool.Pool;
import dev.chainrule.autodiff.ops.pool.PoolOptions;
import dev.chainrule.nn.Module;

/**
 * {@code torch.nn.AvgPool1d}: {@code (N, C, L)} or {@code (C, L)} to {@code (..., OL)}, the mean of each
 * window ({@link Pool#avgPool1d}); no parameters. {@code new AvgPool1d(2)}, or
 * {@code new AvgPool1d(PoolOptions.kernel(3).stride(2).padding(1).countIncludePad(false))} for the other
 * options (square: one size).
 */
public final class AvgPool1d extends Module {
  private final PoolOptions options;

  /** Stride = kernel, as {@code nn.AvgPool1d(kernel)}. */
  public AvgPool1d(int kernel) {
    this(PoolOptions.kernel(kernel));
  }

  public AvgPool1d(int kernel, int stride) {
    this(PoolOptions.kernel(kernel).stride(stride));
  }

  public AvgPool1d(int kernel, int stride, int padding) {
    this(PoolOptions.kernel(kernel).stride(stride).padding(padding));
  }

  public AvgPool1d(PoolOptions options) {
    this.options = checkNotNull(options, "AvgPool1d: options must not be null");
  }

  @Override
  public Tensor forward(Tensor x) {
    return Pool.avgPool1d(x, options);
  }

  public PoolOptions options() {
    return options;
  }

  @Override
  protected String extraRepr() {
    return Repr.avg(options, true);
  }
}
