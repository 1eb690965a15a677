package dev.chainrule.nn.layers.pool;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.ops.pool.Pool;
import dev.chainrule.nn.Module;

/**
 * {@code torch.nn.AdaptiveAvgPool1d}: {@code (N, C, L)} or {@code (C, L)} to {@code (..., size)}, output
 * {@code i} the mean of {@code [floor(i L / size), ceil((i+1) L / size))} ({@link Pool#adaptiveAvgPool1d}). No
 * parameters.
 */
public final class AdaptiveAvgPool1d extends Module {
  private final int size;

  public AdaptiveAvgPool1d(int size) {
    checkArgument(size >= 1, "AdaptiveAvgPool1d: output size %s must be positive", size);
    this.size = size;
  }

  @Override
  public Tensor forward(Tensor x) {
    return Pool.adaptiveAvgPool1d(x, size);
  }

  @Override
  protected String extraRepr() {
    return "output_size=" + size;
  }
}
