package dev.chainrule.nn.layers.pool;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.ops.pool.Pool;
import dev.chainrule.nn.Module;

/**
 * {@code torch.nn.AdaptiveMaxPool2d}: {@code (N, C, H, W)} or {@code (C, H, W)} to {@code (..., oh, ow)} whatever
 * the input's size, the maximum over {@link AdaptiveAvgPool2d}'s windows ({@link Pool#adaptiveMaxPool2d}). No
 * parameters.
 */
public final class AdaptiveMaxPool2d extends Module {
  private final int oh;
  private final int ow;

  /** A square output, {@code size x size}. */
  public AdaptiveMaxPool2d(int size) {
    this(size, size);
  }

  public AdaptiveMaxPool2d(int oh, int ow) {
    checkArgument(oh >= 1 && ow >= 1, "AdaptiveMaxPool2d: output size (%s, %s) must be positive", oh, ow);
    this.oh = oh;
    this.ow = ow;
  }

  @Override
  public Tensor forward(Tensor x) {
    return Pool.adaptiveMaxPool2d(x, oh, ow);
  }

  @Override
  protected String extraRepr() {
    return "output_size=" + Repr.of(oh, ow, false);
  }
}
