package dev.chainrule.autodiff.ops.conv;

import dev.chainrule.autodiff.Tensor;

/**
 * A piece of the convolution backwards that is a composition of differentiable ops: a convolution cut to a
 * given grid. Records through the ops it applies; holds no state.
 */
final class ConvGradients {
  private ConvGradients() {}

  /**
   * {@code conv2d(g, w)} without bias on a grid of {@code gh x gw}: the natural grid of {@code g}, or its top-left
   * part when a transposed convolution's output padding made {@code g} larger than the grid it was made from.
   */
  static Tensor convOnGrid(Tensor g, Tensor w, ConvWindow window, int groups, int gh, int gw) {
    Tensor y = new Conv2d(window, groups).apply(g, w);
    if (y.shape().dim(2) == gh && y.shape().dim(3) == gw) {
      return y;
    }
    return y.narrow(2, 0, gh).narrow(3, 0, gw);
  }
}
