package dev.chainrule.autodiff.ops.pool;

import com.google.common.base.Verify;
import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.ops.Compute;
import java.util.Arrays;

/**
 * Constant padding of the last axis (pads {@code (left, right)}) or the last two (pads
 * {@code (left, right, top, bottom)}), all non-negative ({@link Pad} crops a negative side with a narrow first):
 * {@code y} is {@code x} surrounded by {@code value}, {@code (..., H + top + bottom, W + left + right)}.
 *
 * <p>{@code dL/dx = narrow(narrow(g, -1, left, W), -2, top, H)}: the gradient of the padding is dropped.
 */
public final class ConstantPad extends Function {
  private final int[] pads;
  private final double value;
  private Shape inputShape;

  ConstantPad(int[] pads, double value) {
    Verify.verify((pads.length == 2 || pads.length == 4) && Arrays.stream(pads).allMatch(p -> p >= 0),
        "ConstantPad: pads %s", Arrays.toString(pads));
    this.pads = pads.clone();
    this.value = value;
  }

  @Override
  public String derivativeRule() {
    return "dL/dx = g narrowed to x's extent";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return "narrow(" + n.upstream() + ") to the extent of " + n.input(0) + " (padding dropped)";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor x = in[0];
    inputShape = x.shape();
    int[] dims = inputShape.dims();
    int rank = dims.length;
    int w = dims[rank - 1];
    int h = pads.length == 4 ? dims[rank - 2] : 1;
    int top = pads.length == 4 ? pads[2] : 0;
    int bottom = pads.length == 4 ? pads[3] : 0;
    int ow = w + pads[0] + pads[1];
    int oh = h + top + bottom;
    dims[rank - 1] = ow;
    if (pads.length == 4) {
      dims[rank - 2] = oh;
    }
    Tensor y = Compute.allocate(x.dtype(), Shape.of(dims));
    int planes = h * w == 0 ? 0 : x.size() / (h * w);
    Object from = x.dtype() == DType.FLOAT32 ? x.rawFloats() : x.rawDoubles();
    Object to = x.dtype() == DType.FLOAT32 ? y.rawFloats() : y.rawDoubles();
    if (value != 0) {
      if (x.dtype() == DType.FLOAT32) {
        Arrays.fill(y.rawFloats(), (float) value);
      } else {
        Arrays.fill(y.rawDoubles(), value);
      }
    }
    for (int p = 0; p < planes; p++) {
      for (int r = 0; r < h; r++) {
        System.arraycopy(from, (p * h + r) * w, to, (p * oh + r + top) * ow + pads[0], w);
      }
    }
    return y;
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    int rank = inputShape.rank();
    Tensor dx = g.narrow(-1, pads[0], inputShape.dim(rank - 1));
    return new Tensor[] {pads.length == 4 ? dx.narrow(-2, pads[2], inputShape.dim(rank - 2)) : dx};
  }
}
