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
 * Max pooling over the last two axes: {@code x} is {@code (..., H, W)}, {@code y} is {@code (..., OH, OW)} with
 * {@code y[..., i, j] = max} of {@code x} over window {@code (i, j)} (the product of a row and a column window of
 * {@link Windows#sliding}: padding is left out, which is padding with {@code -inf}). Ties go to the first maximum
 * in row-major window order; a window holding NaN gives NaN (its last NaN wins), as in PyTorch. A dilated window
 * whose taps all fall in the padding gives {@code -inf} and no gradient (PyTorch 1.13 gives {@code -inf} too, but
 * an index outside the window). Forward keeps the flat index of each window's maximum, {@code argmax}, when the
 * application is recorded (not under no-grad, where only the maxima are computed).
 *
 * <p>{@code dL/dx = scatterAt(g, argmax)}: each {@code g[..., i, j]} added to the input position that won its
 * window ({@link ScatterAt}, linear in {@code g}, whose own backward gathers again, so second order works).
 */
public final class WindowMax extends Function {
  private final Windows rows;
  private final Windows cols;
  private Shape inputShape;
  private int[] argmax;

  WindowMax(Windows rows, Windows cols) {
    this.rows = rows;
    this.cols = cols;
  }

  @Override
  public String derivativeRule() {
    return "dL/dx = g scattered to each window's arg-max";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return "scatterAt(" + n.upstream() + ", argmax of each window of " + n.input(0) + ")";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor x = in[0];
    inputShape = x.shape();
    Planes p = Planes.of(inputShape);
    Verify.verify(p.h() == rows.inputSize() && p.w() == cols.inputSize(), "maxPool: windows for %s x %s, input %s",
        rows.inputSize(), cols.inputSize(), inputShape);
    Tensor y = Compute.allocate(x.dtype(), Planes.withSpatial(inputShape, rows.outputSize(), cols.outputSize()));
    argmax = isRecorded() ? new int[y.size()] : null;
    if (x.dtype() == DType.FLOAT32) {
      Pooling.max(x.rawFloats(), p.planes(), p.h(), p.w(), rows.taps(), cols.taps(), y.rawFloats(), argmax);
    } else {
      Pooling.max(x.rawDoubles(), p.planes(), p.h(), p.w(), rows.taps(), cols.taps(), y.rawDoubles(), argmax);
    }
    return y;
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {new ScatterAt(argmax, inputShape).apply(g)};
  }
}
