package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.UnaryOp;

/**
 * {@code y = exp(x - logSumExp(x))} along {@code axis}: non-negative, summing to 1 along {@code axis}, same shape
 * as {@code x}. Fused (the exponential of the stable {@link LogSoftmax} kernel) so it needs no elementwise
 * {@code exp} op and never overflows.
 *
 * <p>{@code dL/dx = y * (g - sum(g * y, axis, keepDims))}, written with the output {@code y} itself, which is
 * differentiable, so second derivatives work.
 */
public final class Softmax extends Function {
  private final int axis;
  private int resolved;
  private Tensor y;

  public Softmax(int axis) {
    this.axis = axis;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    resolved = in[0].shape().axis(axis, "softmax");
    y = Compute.unary(UnaryOp.EXP, 0, LogSoftmax.compute(in[0], resolved));
    return y;
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    return new Tensor[] {y.mul(g.add(g.mul(y).sum(new int[] {resolved}, true).mul(-1)))};
  }
}
