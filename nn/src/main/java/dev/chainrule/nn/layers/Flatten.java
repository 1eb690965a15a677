package dev.chainrule.nn.layers;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;

/**
 * Merges the axes {@code startDim..endDim} (inclusive; negative counts from the end) into one, in row-major
 * order, as {@code torch.nn.Flatten}. The default, axes 1 to -1, keeps the batch axis:
 * {@code (N, d1, d2, ...)} becomes {@code (N, d1*d2*...)}, the step from a convolutional feature map
 * {@code (N, C, H, W)} to a fully connected layer. A reshape: backward reshapes the gradient back.
 */
public final class Flatten extends Module {
  private final int startDim;
  private final int endDim;

  /** Flattens every axis after the batch axis ({@code startDim} 1, {@code endDim} -1). */
  public Flatten() {
    this(1, -1);
  }

  /** Flattens axes {@code startDim..endDim}, inclusive; a negative axis counts from the end. */
  public Flatten(int startDim, int endDim) {
    checkArgument((startDim < 0) != (endDim < 0) || startDim <= endDim,
        "Flatten: startDim %s must not come after endDim %s", startDim, endDim);
    this.startDim = startDim;
    this.endDim = endDim;
  }

  @Override
  public Tensor forward(Tensor x) {
    int rank = x.rank();
    int start = startDim < 0 ? startDim + rank : startDim;
    int end = endDim < 0 ? endDim + rank : endDim;
    if (startDim == 1 && endDim == -1) {
      checkArgument(rank >= 2, "Flatten: input of shape %s needs a batch axis and at least one more", x.shape());
    }
    checkArgument(start >= 0 && end < rank && start <= end, "Flatten: axes %s..%s (startDim %s, endDim %s) are not"
        + " an axis range of input of shape %s", start, end, startDim, endDim, x.shape());
    return x.flatten(start, end);
  }

  @Override
  protected String extraRepr() {
    return startDim == 1 && endDim == -1 ? "" : "startDim=" + startDim + ", endDim=" + endDim;
  }
}
