package dev.chainrule.autodiff.ops.pool;

import com.google.common.base.Verify;
import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.Pooling;
import dev.chainrule.autodiff.ops.Compute;

/**
 * Average pooling over the last two axes, plain or adaptive: {@code x} is {@code (..., H, W)}, {@code y} is
 * {@code (..., OH, OW)} with {@code y[..., i, j] = sum(x over window (i, j)) / (rowDiv[i] * colDiv[j])}, the windows
 * and divisors of {@link Windows#averaging} or {@link Windows#adaptive}.
 *
 * <p>Linear in {@code x}, so {@code dL/dx} is its adjoint applied to {@code g}: {@code dL/dx[..., r, c] = sum of
 * g[..., i, j] / (rowDiv[i] * colDiv[j])} over the windows that hold {@code (r, c)} ({@link WindowSpread}, whose
 * backward is this op again).
 */
public final class WindowMean extends Function {
  private final Windows rows;
  private final Windows cols;
  private Shape inputShape;

  WindowMean(Windows rows, Windows cols) {
    this.rows = rows;
    this.cols = cols;
  }

  @Override
  public String derivativeRule() {
    return "dL/dx = g / divisor spread over each window";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return "spread(" + n.upstream() + " / divisor) over the windows of " + n.input(0);
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor x = in[0];
    inputShape = x.shape();
    Planes p = Planes.of(inputShape);
    Verify.verify(p.h() == rows.inputSize() && p.w() == cols.inputSize(), "avgPool: windows for %s x %s, input %s",
        rows.inputSize(), cols.inputSize(), inputShape);
    Tensor y = Compute.allocate(x.dtype(), Planes.withSpatial(inputShape, rows.outputSize(), cols.outputSize()));
    if (x.dtype() == DType.FLOAT32) {
      Pooling.mean(x.rawFloats(), p.planes(), p.h(), p.w(), rows.taps(), cols.taps(), rows.divisor(),
          cols.divisor(), y.rawFloats());
    } else {
      Pooling.mean(x.rawDoubles(), p.planes(), p.h(), p.w(), rows.taps(), cols.taps(), rows.divisor(),
          cols.divisor(), y.rawDoubles());
    }
    return y;
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {new WindowSpread(rows, cols, inputShape).apply(g)};
  }
}
