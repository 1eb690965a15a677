package dev.chainrule.autodiff.ops;

import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;

/**
 * Reductions composed of differentiable ops (so their gradients, and gradients of gradients, come from the ops'
 * rules): the log-sum-exp, the variance and the standard deviation over several axes.
 */
public final class Statistics {
  private Statistics() {}

  /**
   * {@code log(sum(exp(x)))} over {@code axes}, computed as {@code m + log(sum(exp(x - m)))} with {@code m} the
   * group's maximum held constant, so no exponential overflows. Where {@code m} is not finite the shift is 0
   * instead: a group of only {@code -inf} gives {@code -inf}, one holding {@code +inf} gives {@code +inf}, one
   * holding NaN gives NaN (never NaN from {@code inf - inf}). A group of no elements gives {@code -inf}, the log
   * of an empty sum, as in PyTorch.
   *
   * <p>Gradient {@code dL/dx = g * exp(x - y)} (the softmax over the group), from the composition; it is NaN in
   * a group whose result is infinite.
   */
  public static Tensor logSumExp(Tensor x, int[] axes, boolean keepDims) {
    Shape shape = x.shape();
    boolean[] reduced = Axes.resolve("logSumExp", shape, axes);
    if (shape.size() == 0) {
      return x.sum(axes, keepDims).log();
    }
    Tensor shift;
    try (var off = GradMode.off()) {
      double[] m = x.max(axes, true).toDoubleArray();
      for (int i = 0; i < m.length; i++) {
        m[i] = Double.isInfinite(m[i]) || Double.isNaN(m[i]) ? 0 : m[i];
      }
      shift = Tensor.of(x.dtype(), m, Axes.reducedShape(shape, reduced, true).dims());
    }
    Tensor lse = x.sub(shift).exp().sum(axes, true).log().add(shift);
    return keepDims ? lse : lse.reshape(Axes.reducedShape(shape, reduced, false).dims());
  }

  /**
   * The variance over {@code axes} with PyTorch's {@code correction}: {@code sum((x - mean)^2) / max(0, n -
   * correction)}, {@code n} the number of elements in each group ({@code correction} 0 is the biased estimate, 1
   * Bessel's unbiased one). Where {@code n - correction <= 0} the division is by 0, as in PyTorch: NaN for a
   * constant group (and a group of one element), {@code +inf} otherwise. {@code axes} empty reduces nothing
   * (each element is its own group).
   *
   * <p>Gradient {@code dL/dx = g * 2 (x - mean) / max(0, n - correction)}, from the composition.
   */
  public static Tensor var(Tensor x, int[] axes, double correction, boolean keepDims) {
    Shape shape = x.shape();
    Shape kept = Axes.reducedShape(shape, Axes.resolve("var", shape, axes), true);
    double n = kept.size() == 0 ? 0 : (double) shape.size() / kept.size();
    Tensor centred = x.sub(x.mean(axes, true));
    return centred.square().sum(axes, keepDims).div(Math.max(0, n - correction));
  }

  /** {@code sqrt(var(x, axes, correction, keepDims))}, its errors naming {@code std}. */
  public static Tensor std(Tensor x, int[] axes, double correction, boolean keepDims) {
    Axes.resolve("std", x.shape(), axes);
    return var(x, axes, correction, keepDims).sqrt();
  }
}
