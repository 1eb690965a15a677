package dev.chainrule.nn.layers;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import java.util.Arrays;

/**
 * The trailing dimensions {@code (D_1, ..., D_k)} that {@link LayerNorm} and {@link RMSNorm} normalise over,
 * PyTorch's {@code normalized_shape}: validated once, matched against each input, and turned into the axes of
 * the statistics.
 */
final class NormalizedShape {
  private final String layer;
  private final int[] dims;

  /** Refuses an empty shape or a dimension below 1, naming {@code layer}. */
  NormalizedShape(String layer, int[] dims) {
    checkNotNull(dims, "%s: normalizedShape must not be null", layer);
    checkArgument(dims.length > 0, "%s: normalizedShape must have at least one dimension", layer);
    for (int d : dims) {
      checkArgument(d > 0, "%s: normalizedShape %s must have positive dimensions", layer, Shape.format(dims));
    }
    this.layer = layer;
    this.dims = dims.clone();
  }

  /** A copy of the dimensions. */
  int[] dims() {
    return dims.clone();
  }

  /**
   * The last {@code k} axes of {@code x}, the ones the statistics reduce; refuses an input that does not end in
   * this shape, naming the layer, the input's shape and the expected trailing shape.
   */
  int[] axesOf(Tensor x) {
    int[] shape = x.shape().dims();
    int lead = shape.length - dims.length;
    checkArgument(lead >= 0, "%s: input of shape %s must end in the normalized shape %s, but has rank %s < %s",
        layer, x.shape(), Shape.format(dims), shape.length, dims.length);
    int[] trailing = Arrays.copyOfRange(shape, lead, shape.length);
    checkArgument(Arrays.equals(dims, trailing), "%s: input of shape %s must end in the normalized shape %s, got %s",
        layer, x.shape(), Shape.format(dims), Shape.format(trailing));
    int[] axes = new int[dims.length];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = lead + i;
    }
    return axes;
  }

  /** Python-tuple style, as PyTorch prints {@code normalized_shape}: {@code (4,)}, {@code (3, 4)}. */
  @Override
  public String toString() {
    return Shape.format(dims);
  }
}
