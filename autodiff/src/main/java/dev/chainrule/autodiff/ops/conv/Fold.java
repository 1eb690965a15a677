package dev.chainrule.autodiff.ops.conv;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;

/**
 * col2im as an op, PyTorch's {@code fold}: {@code x (N, C kh kw, L)} to {@code y (N, C, H, W)} for an output of
 * {@code (H, W)} over whose grid of window positions {@code L = outH outW}; each column is a window's values and
 * is added back where the window sits, overlaps summing, taps in the padding dropped:
 * {@code y[n, c, ih, iw] = sum of x[n, (c kh + i) kw + j, oh outW + ow]} over the taps that land on
 * {@code (ih, iw)}. It is the adjoint of {@link Unfold}, so {@code dL/dx = unfold(g)}.
 */
public final class Fold extends Function {
  private final ConvWindow window;
  private final int height;
  private final int width;

  /** Folds into images of {@code height x width}. */
  public Fold(ConvWindow window, int height, int width) {
    this.window = window;
    this.height = height;
    this.width = width;
  }

  @Override
  public String name() {
    return "fold";
  }

  @Override
  public String derivativeRule() {
    return "y = col2im(x) (overlaps summed); dL/dx = unfold(g)";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return "unfold(" + n.upstream() + ")";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor x = in[0];
    checkArgument(x.rank() == 3, "fold: input must be 3-D (N, C * kh * kw, L), got shape %s", x.shape());
    checkArgument(height > 0 && width > 0, "fold: output size (%s, %s) must be positive", height, width);
    int batch = x.shape().dim(0);
    int taps = window.kernelH() * window.kernelW();
    checkArgument(x.shape().dim(1) % taps == 0, "fold: input of shape %s: dimension 1 (%s) must be divisible by"
        + " the kernel's %s x %s = %s taps", x.shape(), x.shape().dim(1), window.kernelH(), window.kernelW(), taps);
    int channels = x.shape().dim(1) / taps;
    int[] grid = ConvShapes.grid("fold", Shape.of(batch, channels, height, width), window);
    checkArgument(x.shape().dim(2) == grid[0] * grid[1], "fold: input of shape %s has %s columns, but an output of"
        + " (%s, %s) with %s has %s x %s = %s window positions", x.shape(), x.shape().dim(2), height, width, window,
        grid[0], grid[1], grid[0] * grid[1]);
    var geometry = window.geometry(channels, height, width, grid[0], grid[1]);
    ConvArrays arrays = ConvArrays.of(x.dtype());
    Tensor out = arrays.allocate(Shape.of(batch, channels, height, width));
    arrays.col2im(geometry, batch, arrays.raw(x), geometry.rows() * geometry.columns(), geometry.columns(),
        arrays.raw(out));
    return out;
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {new Unfold(window).apply(g)};
  }

  public ConvWindow window() {
    return window;
  }
}
