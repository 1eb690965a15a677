package dev.chainrule.nn.layers.pool;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.ops.pool.Pool;
import dev.chainrule.nn.Module;

/**
 * {@code torch.nn.AdaptiveAvgPool2d}: {@code (N, C, H, W)} or {@code (C, H, W)} to {@code (..., oh, ow)} whatever
 * the input's size, output row {@code i} the mean of input rows {@code [floor(i H / oh), ceil((i+1) H / oh))}
 * (likewise columns; {@link Pool#adaptiveAvgPool2d}). {@code new AdaptiveAvgPool2d(1)} is global average
 * pooling. No parameters.
 */
public final class AdaptiveAvgPool2d extends Module {
  private final int oh;
  private final int ow;

  /** A square output, {@code size x size}. */
  public AdaptiveAvgPool2d(int size) {
    this(size, size);
  }

  public AdaptiveAvgPool2d(int oh, int ow) {
    checkArgument(oh >= 1 && ow >= 1, "AdaptiveAvgPool2d: output size (%s, %s) must be positive", oh, ow);
    this.oh = oh;
    this.ow = ow;
  }

  @Override
  public Tensor forward(Tensor x) {
    return Pool.adaptiveAvgPool2d(x, oh, ow);
  }

  @Override
  protected String extraRepr() {
    return "output_size=" + Repr.of(oh, ow, false);
  }
}
