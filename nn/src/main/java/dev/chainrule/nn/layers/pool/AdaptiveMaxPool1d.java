package dev.chainrule.nn.layers.pool;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.ops.pool.Pool;
import dev.chainrule.nn.Module;

/**
 * {@code torch.nn.AdaptiveMaxPool1d}: {@code (N, C, L)} or {@code (C, L)} to {@code (..., size)}, output
 * {@code i} the maximum of {@code [floor(i L / size), ceil((i+1) L / size))} ({@link Pool#adaptiveMaxPool1d}). No
 * parameters.
 */
public final class AdaptiveMaxPool1d extends Module {
  private final int size;

  public AdaptiveMaxPool1d(int size) {
    checkArgument(size >= 1, "AdaptiveMaxPool1d: output size %s must be positive", size);
    this.size = size;
  }

  @Override
  public Tensor forward(Tensor x) {
    return Pool.adaptiveMaxPool1d(x, size);
  }

  @Override
  protected String extraRepr() {
    return "output_size=" + size;
  }
}
