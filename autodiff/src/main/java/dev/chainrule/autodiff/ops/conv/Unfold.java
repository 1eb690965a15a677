package dev.chainrule.autodiff.ops.conv;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;

/**
 * im2col as an op, PyTorch's {@code unfold}: {@code x (N, C, H, W)} to {@code y (N, C kh kw, L)} with
 * {@code L = outH outW} window positions, {@code y[n, (c kh + i) kw + j, oh outW + ow] = x[n, c, oh sh - pt +
 * i dh, ow sw - pl + j dw]} (0 in the padding). Each input element is copied to every window that covers it, so
 * the adjoint sums those copies: {@code dL/dx = fold(g)} back to {@code (H, W)}, and since {@link Fold}'s own
 * backward is this op, derivatives of every order exist.
 */
public final class Unfold extends Function {
  private final ConvWindow window;
  private int height;
  private int width;

  public Unfold(ConvWindow window) {
    this.window = window;
  }

  @Override
  public String name() {
    return "unfold";
  }

  @Override
  public String derivativeRule() {
    return "y = im2col(x); dL/dx = fold(g) (col2im, overlapping windows summed)";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return "fold(" + n.upstream() + ")";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor x = in[0];
    ConvShapes.checkRank4("unfold", "input", x, "(N, C, H, W)");
    int[] grid = ConvShapes.grid("unfold", x.shape(), window);
    int batch = x.shape().dim(0);
    int channels = x.shape().dim(1);
    height = x.shape().dim(2);
    width = x.shape().dim(3);
    var geometry = window.geometry(channels, height, width, grid[0], grid[1]);
    ConvArrays arrays = ConvArrays.of(x.dtype());
    Tensor out = arrays.allocate(Shape.of(batch, geometry.rows(), geometry.columns()));
    arrays.im2col(geometry, batch, arrays.raw(x), arrays.raw(out), geometry.rows() * geometry.columns(),
        geometry.columns());
    return out;
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {new Fold(window, height, width).apply(g)};
  }

  public ConvWindow window() {
    return window;
  }
}
