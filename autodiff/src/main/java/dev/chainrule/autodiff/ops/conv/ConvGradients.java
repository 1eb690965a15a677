package dev.chainrule.autodiff.ops.conv;

import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.ops.MatMul;

/**
 * The pieces of the convolution backwards that are compositions of differentiable ops (so the gradients can be
 * differentiated again): the weight gradient as an unfold and a batched matrix product, and a convolution or
 * unfold restricted to a given grid. Records through the ops it applies; holds no state.
 */
final class ConvGradients {
  private ConvGradients() {}

  /**
   * {@code dW = sum_n lhs[n] cols[n]^T} per group, reshaped to {@code weight}: for a convolution {@code lhs} is
   * the upstream gradient {@code (N, F, outH, outW)} and {@code cols = unfold(x)}; for a transposed convolution
   * {@code lhs} is its input and {@code cols = unfold(g)}. Group {@code k} pairs rows {@code k F/G ..} of
   * {@code lhs} with rows {@code k CK/G ..} of {@code cols}, as the weight's own layout does.
   */
  static Tensor weight(Tensor lhs, Tensor cols, int groups, Shape weight) {
    int n = lhs.shape().dim(0);
    int rows = lhs.shape().dim(1);
    int columns = cols.shape().dim(2);
    Tensor a = lhs.reshape(n, groups, rows / groups, columns);
    Tensor b = cols.reshape(n, groups, cols.shape().dim(1) / groups, columns);
    return new MatMul(false, true).apply(a, b).sum(new int[] {0}, false).reshape(weight.dims());
  }

  /**
   * {@code unfold(t)} on a grid of {@code gh x gw}: the natural grid of {@code t}, or its top-left part when a
   * transposed convolution's output padding made {@code t} larger than the grid it was made from.
   */
  static Tensor unfoldOnGrid(Tensor t, ConvWindow window, int gh, int gw) {
    Tensor cols = new Unfold(window).apply(t);
    int naturalH = window.gridH(t.shape().dim(2));
    int naturalW = window.gridW(t.shape().dim(3));
    if (naturalH == gh && naturalW == gw) {
      return cols;
    }
    int n = cols.shape().dim(0);
    int rows = cols.shape().dim(1);
    return cols.reshape(n, rows, naturalH, naturalW).narrow(2, 0, gh).narrow(3, 0, gw).reshape(n, rows, gh * gw);
  }

  /** {@code conv2d(g, w)} without bias, cut to {@code gh x gw} as {@link #unfoldOnGrid} is. */
  static Tensor convOnGrid(Tensor g, Tensor w, ConvWindow window, int groups, int gh, int gw) {
    Tensor y = new Conv2d(window, groups).apply(g, w);
    if (y.shape().dim(2) == gh && y.shape().dim(3) == gw) {
      return y;
    }
    return y.narrow(2, 0, gh).narrow(3, 0, gw);
  }
}
