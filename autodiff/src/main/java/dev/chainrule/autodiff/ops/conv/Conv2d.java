package dev.chainrule.autodiff.ops.conv;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;

/**
 * 2-D convolution (cross-correlation, as in PyTorch), fused for speed: {@code x (N, C, H, W)}, weight
 * {@code W (F, C/G, kh, kw)}, optional bias {@code b (F,)}, {@code G} groups, output {@code (N, F, outH, outW)}
 * with {@code y[n, f, oh, ow] = b[f] + sum_{c in group of f, i, j} W[f, c mod C/G, i, j] x[n, c, oh sh - pt + i dh,
 * ow sw - pl + j dw]}. Forward is {@link dev.chainrule.autodiff.kernel.Kernels#convolve}: per image, im2col into
 * a per-thread buffer and one GEMM per group written straight into the output (a 1x1 kernel with stride 1 and no
 * padding skips im2col: the image is its own column matrix).
 *
 * <p>Backward, with differentiable ops: {@code dL/dx = convTranspose2d(g, W)} (same window and groups, onto the
 * input's size), {@code dL/dW = sum_n g[n] unfold(x)[n]^T} per group (the correlation of {@code x} with
 * {@code g}, fused as {@link ConvWeightGrad}: one GEMM over the batch), {@code dL/db = sum of g over N, H, W}.
 */
public final class Conv2d extends Function {
  private final ConvWindow window;
  private final int groups;
  private int height;
  private int width;
  private boolean hasBias;

  public Conv2d(ConvWindow window, int groups) {
    this.window = window;
    this.groups = groups;
  }

  @Override
  public String name() {
    return "conv2d";
  }

  @Override
  public String derivativeRule() {
    return "dL/dX = convTranspose(g, W), dL/dW = conv(X, g), dL/db = sum_{N,H,W} g";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return switch (input) {
      case 0 -> "convTranspose(" + n.upstream() + ", " + n.input(1) + ")";
      case 1 -> "conv(" + n.input(0) + ", " + n.upstream() + ")";
      default -> "sum(" + n.upstream() + ", axes=(0, 2, 3))";
    };
  }

  @Override
  protected Tensor forward(Tensor... in) {
    ConvShapes.checkRank4("conv2d", "input", in[0], "(N, C, H, W)");
    ConvShapes.checkRank4("conv2d", "weight", in[1], "(F, C/groups, KH, KW)");
    Shape xs = in[0].shape();
    Shape ws = in[1].shape();
    int filters = ws.dim(0);
    checkArgument(groups > 0, "conv2d: groups must be positive, got %s", groups);
    checkArgument(ws.dim(2) == window.kernelH() && ws.dim(3) == window.kernelW(), "conv2d: weight of shape %s"
        + " does not match the window's %s", ws, window);
    ConvShapes.checkGroups("conv2d", "input channels", xs.dim(1), groups, xs);
    ConvShapes.checkGroups("conv2d", "output channels", filters, groups, ws);
    checkArgument(ws.dim(1) * groups == xs.dim(1), "conv2d: input of shape %s has %s channels, but weight of shape"
        + " %s with groups %s expects %s (%s per group)", xs, xs.dim(1), ws, groups, ws.dim(1) * groups, ws.dim(1));
    ConvShapes.checkBias("conv2d", in, filters);
    int[] grid = ConvShapes.grid("conv2d", xs, window);
    hasBias = in.length > 2;
    height = xs.dim(2);
    width = xs.dim(3);
    saveForBackward(in[0], in[1]);
    Tensor[] p = ConvShapes.promoted(in);
    ConvArrays a = ConvArrays.of(p[0].dtype());
    Tensor out = a.allocate(Shape.of(xs.dim(0), filters, grid[0], grid[1]));
    a.convolve(window.geometry(xs.dim(1), height, width, grid[0], grid[1]), xs.dim(0), groups, filters, a.raw(p[0]),
        a.raw(p[1]), p.length > 2 ? a.raw(p[2]) : null, a.raw(out));
    return out;
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    Tensor x = saved(0);
    Tensor w = saved(1);
    Tensor dx = needsInputGrad(0) ? new ConvTranspose2d(window, groups, height, width).apply(g, w) : null;
    Tensor dw = needsInputGrad(1) ? new ConvWeightGrad(window, groups).apply(x, g) : null;
    Tensor db = hasBias && needsInputGrad(2) ? g.sum(new int[] {0, 2, 3}, false) : null;
    return hasBias ? new Tensor[] {dx, dw, db} : new Tensor[] {dx, dw};
  }

  public ConvWindow window() {
    return window;
  }

  public int groups() {
    return groups;
  }
}
