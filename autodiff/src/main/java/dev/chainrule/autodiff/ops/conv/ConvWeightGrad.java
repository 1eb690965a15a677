package dev.chainrule.autodiff.ops.conv;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;

/**
 * The weight gradient of a convolution, fused: from images {@code x (N, C, H, W)} and an upstream gradient
 * {@code g (N, F, gh, gw)} on a grid of the window's positions, {@code dW (F, C/G, kh, kw)} with
 * {@code dW[f, c, i, j] = sum_{n, oh, ow} g[n, f, oh, ow] x[n, group(f) C/G + c, oh sh - pt + i dh,
 * ow sw - pl + j dw]}: per group {@code sum_n g_n unfold(x)_n^T}, image by image
 * ({@link dev.chainrule.autodiff.kernel.Kernels#convolveWeightGrad}: im2col into a per-thread buffer, no unfold
 * tensor). The grid is {@code g}'s, so a transposed convolution whose output padding made its output
 * larger than the grid uses it too ({@code dW = ConvWeightGrad(g_out, x)}).
 *
 * <p>It is bilinear in {@code (x, g)} with {@code <H, dW(x, g)> = <g, conv2d(x, H)> = <x, convTranspose2d(g, H)>},
 * so with upstream {@code H} (the shape of {@code W}): {@code dL/dx = convTranspose2d(g, H)} onto {@code x}'s
 * size, {@code dL/dg = conv2d(x, H)} on {@code g}'s grid. Both are differentiable again.
 */
public final class ConvWeightGrad extends Function {
  private final ConvWindow window;
  private final int groups;
  private int height;
  private int width;
  private int gridH;
  private int gridW;

  public ConvWeightGrad(ConvWindow window, int groups) {
    this.window = window;
    this.groups = groups;
  }

  @Override
  public String name() {
    return "convWeightGrad";
  }

  @Override
  public String derivativeRule() {
    return "dW = conv(X, g) = sum_n g unfold(X)^T; dL/dX = convTranspose(g, H), dL/dg = conv(X, H)";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return input == 0 ? "convTranspose(" + n.input(1) + ", " + n.upstream() + ")"
        : "conv(" + n.input(0) + ", " + n.upstream() + ")";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    ConvShapes.checkRank4("convWeightGrad", "input", in[0], "(N, C, H, W)");
    ConvShapes.checkRank4("convWeightGrad", "gradient", in[1], "(N, F, outH, outW)");
    Shape xs = in[0].shape();
    Shape gs = in[1].shape();
    int batch = xs.dim(0);
    int channels = xs.dim(1);
    int filters = gs.dim(1);
    checkArgument(groups > 0 && gs.dim(0) == batch && channels % groups == 0 && filters % groups == 0,
        "convWeightGrad: input of shape %s and gradient of shape %s do not fit groups %s", xs, gs, groups);
    height = xs.dim(2);
    width = xs.dim(3);
    gridH = gs.dim(2);
    gridW = gs.dim(3);
    checkArgument(gridH <= window.gridH(height) && gridW <= window.gridW(width), "convWeightGrad: gradient of"
        + " shape %s has a larger grid than input of shape %s with %s", gs, xs, window);
    saveForBackward(in[0], in[1]);
    Tensor[] p = ConvShapes.promoted(in);
    ConvArrays a = ConvArrays.of(p[0].dtype());
    Tensor out = a.allocate(Shape.of(filters, channels / groups, window.kernelH(), window.kernelW()));
    a.convolveWeightGrad(window.geometry(channels, height, width, gridH, gridW), batch, groups, filters,
        a.raw(p[0]), a.raw(p[1]), a.raw(out));
    return out;
  }

  @Override
  protected Tensor[] backward(Tensor h) {
    Tensor x = saved(0);
    Tensor g = saved(1);
    Tensor dx = needsInputGrad(0) ? new ConvTranspose2d(window, groups, height, width).apply(g, h) : null;
    Tensor dg = needsInputGrad(1) ? ConvGradients.convOnGrid(x, h, window, groups, gridH, gridW) : null;
    return new Tensor[] {dx, dg};
  }
}
