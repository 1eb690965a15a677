package dev.chainrule.autodiff.ops.conv;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;

/**
 * 2-D transposed convolution, the adjoint of {@link Conv2d}'s map from input to output (and so the input
 * gradient of a convolution): {@code x (N, Cin, Hin, Win)}, weight {@code W (Cin, Cout/G, kh, kw)} (PyTorch's
 * layout), optional bias {@code (Cout,)}, output {@code (N, Cout, outH, outW)} of a size given by the caller
 * (see {@link Conv#convTranspose2d} for PyTorch's rule with output padding). Each input element scatters
 * {@code x[n, c, h, w] W[c, o, i, j]} to output {@code (o, h sh - pt + i dh, w sw - pl + j dw)}, overlaps
 * summing: per image and group the columns {@code W_g^T x_g} (one GEMM), then col2im
 * ({@link dev.chainrule.autodiff.kernel.Kernels#convolveTransposed}).
 *
 * <p>Backward, with differentiable ops: {@code dL/dx = conv2d(g, W)} (same window and groups),
 * {@code dL/dW = sum_n x[n] unfold(g)[n]^T} per group ({@link ConvWeightGrad} with the roles of image and
 * gradient swapped), {@code dL/db = sum of g over N, H, W}.
 */
public final class ConvTranspose2d extends Function {
  private final ConvWindow window;
  private final int groups;
  private final int outH;
  private final int outW;
  private int inH;
  private int inW;
  private boolean hasBias;

  /** A transposed convolution onto outputs of {@code outH x outW}. */
  public ConvTranspose2d(ConvWindow window, int groups, int outH, int outW) {
    this.window = window;
    this.groups = groups;
    this.outH = outH;
    this.outW = outW;
  }

  @Override
  public String name() {
    return "convTranspose2d";
  }

  @Override
  public String derivativeRule() {
    return "dL/dX = conv(g, W), dL/dW = conv(g, X) (X unfold(g)^T), dL/db = sum_{N,H,W} g";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return switch (input) {
      case 0 -> "conv(" + n.upstream() + ", " + n.input(1) + ")";
      case 1 -> "conv(" + n.upstream() + ", " + n.input(0) + ")";
      default -> "sum(" + n.upstream() + ", axes=(0, 2, 3))";
    };
  }

  @Override
  protected Tensor forward(Tensor... in) {
    ConvShapes.checkRank4("convTranspose2d", "input", in[0], "(N, C_in, H, W)");
    ConvShapes.checkRank4("convTranspose2d", "weight", in[1], "(C_in, C_out/groups, KH, KW)");
    Shape xs = in[0].shape();
    Shape ws = in[1].shape();
    checkArgument(groups > 0, "convTranspose2d: groups must be positive, got %s", groups);
    checkArgument(ws.dim(2) == window.kernelH() && ws.dim(3) == window.kernelW(), "convTranspose2d: weight of"
        + " shape %s does not match the window's %s", ws, window);
    ConvShapes.checkGroups("convTranspose2d", "input channels", xs.dim(1), groups, xs);
    checkArgument(ws.dim(0) == xs.dim(1), "convTranspose2d: input of shape %s has %s channels, but weight of shape"
        + " %s expects %s (dimension 0 of the weight)", xs, xs.dim(1), ws, ws.dim(0));
    int channelsIn = xs.dim(1);
    int channelsOut = ws.dim(1) * groups;
    ConvShapes.checkBias("convTranspose2d", in, channelsOut);
    inH = xs.dim(2);
    inW = xs.dim(3);
    checkArgument(outH > 0 && outW > 0 && window.gridH(outH) >= inH && window.gridW(outW) >= inW,
        "convTranspose2d: input of shape %s with %s cannot produce an output of (%s, %s)", xs, window, outH, outW);
    hasBias = in.length > 2;
    saveForBackward(in[0], in[1]);
    Tensor[] p = ConvShapes.promoted(in);
    ConvArrays a = ConvArrays.of(p[0].dtype());
    Tensor out = a.allocate(Shape.of(xs.dim(0), channelsOut, outH, outW));
    a.convolveTransposed(window.geometry(channelsOut, outH, outW, inH, inW), xs.dim(0), groups, channelsIn,
        a.raw(p[0]), a.raw(p[1]), hasBias ? a.raw(p[2]) : null, a.raw(out));
    return out;
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    Tensor x = saved(0);
    Tensor w = saved(1);
    Tensor dx = needsInputGrad(0) ? ConvGradients.convOnGrid(g, w, window, groups, inH, inW) : null;
    Tensor dw = needsInputGrad(1) ? new ConvWeightGrad(window, groups).apply(g, x) : null;
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
