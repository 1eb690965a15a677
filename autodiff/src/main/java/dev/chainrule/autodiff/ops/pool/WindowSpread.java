package dev.chainrule.autodiff.ops.pool;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.Pooling;
import dev.chainrule.autodiff.ops.Compute;

/**
 * The adjoint of {@link WindowMean} (its backward): {@code x} is {@code (..., OH, OW)}, {@code y} of
 * {@code shape (..., H, W)} is zeros, then every {@code x[..., i, j] / (rowDiv[i] * colDiv[j])} is added to each
 * position of window {@code (i, j)}.
 *
 * <p>Linear in {@code x}; {@code dL/dx = windowMean(g)}: the average of {@code g} over each window, with the same
 * divisors.
 */
public final class WindowSpread extends Function {
  private final Windows rows;
  private final Windows cols;
  private final Shape shape;

  WindowSpread(Windows rows, Windows cols, Shape shape) {
    this.rows = rows;
    this.cols = cols;
    this.shape = shape;
  }

  @Override
  public String derivativeRule() {
    return "dL/dx = window mean of g";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return "windowMean(" + n.upstream() + ")";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor x = in[0];
    Shape expected = Planes.withSpatial(shape, rows.outputSize(), cols.outputSize());
    checkArgument(x.shape().equals(expected), "WindowSpread: gradient of shape %s, expected %s", x.shape(),
        expected);
    Planes p = Planes.of(shape);
    Tensor y = Compute.allocate(x.dtype(), shape);
    if (x.dtype() == DType.FLOAT32) {
      Pooling.spread(x.rawFloats(), p.planes(), p.h(), p.w(), rows.taps(), cols.taps(), rows.divisor(),
          cols.divisor(), y.rawFloats());
    } else {
      Pooling.spread(x.rawDoubles(), p.planes(), p.h(), p.w(), rows.taps(), cols.taps(), rows.divisor(),
          cols.divisor(), y.rawDoubles());
    }
    return y;
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {new WindowMean(rows, cols).apply(g)};
  }
}
