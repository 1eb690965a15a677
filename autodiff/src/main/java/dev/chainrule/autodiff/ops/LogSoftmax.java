package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Tensor;

/**
 * {@code y = x - logSumExp(x)} along {@code axis}, same shape as {@code x}. Fused rather than composed for
 * numerical stability (the kernel subtracts the maximum first, so {@code [1000, 0]} gives {@code [0, -1000]}
 * rather than NaN) and for speed (one pass, no intermediate tensors).
 *
 * <p>{@code dL/dx = g - exp(y) * sum(g, axis, keepDims)}, since {@code exp(y) = softmax(x)}. It is computed from
 * the saved output {@code y}, which belongs to the graph, so second derivatives work.
 */
public final class LogSoftmax extends Function {
  private final int axis;
  private int resolved;

  public LogSoftmax(int axis) {
    this.axis = axis;
  }

  @Override
  public String derivativeRule() {
    return "dL/dx = g - exp(y) sum(g)";
  }

  @Override
  public String gradientFormula(int input, OperandNames n) {
    return n.upstream() + " - exp(" + n.output() + ") * sum(" + n.upstream() + ", axis=" + axis + ")";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    resolved = in[0].shape().axis(axis, "logSoftmax");
    Tensor y = compute(in[0], resolved);
    saveForBackward(y);
    return y;
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    Tensor softmax = saved(0).exp();
    return new Tensor[] {g.sub(softmax.mul(g.sum(new int[] {resolved}, true)))};
  }

  /** The log-softmax of {@code x} along {@code axis} (resolved), on plain arrays. */
  static Tensor compute(Tensor x, int axis) {
    int[] dims = x.shape().dims();
    int outer = Compute.product(dims, 0, axis);
    int inner = Compute.product(dims, axis + 1, dims.length);
    Tensor out = Compute.allocate(x.dtype(), x.shape());
    if (x.dtype() == DType.FLOAT32) {
      Compute.kernels().logSoftmax(x.rawFloats(), outer, dims[axis], inner, out.rawFloats());
    } else {
      Compute.kernels().logSoftmax(x.rawDoubles(), outer, dims[axis], inner, out.rawDoubles());
    }
    return out;
  }
}
