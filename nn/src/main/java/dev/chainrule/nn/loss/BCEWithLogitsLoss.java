package dev.chainrule.nn.loss;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Tensor;

/**
 * Binary cross-entropy on logits {@code z}, per element: {@code l_i = -(t ln s(z) + (1 - t) ln(1 - s(z)))} with
 * {@code s} the sigmoid, which simplifies to {@code softplus(z) - t z}, {@code softplus(z) = ln(1 + e^z)
 * = max(z, 0) + ln(1 + e^-|z|)}; its gradient is {@code s(z) - t}.
 *
 * <p>The softplus is the log-sum-exp of the pair {@code (0, z)}, {@code ln(e^0 + e^z)}, composed as
 * {@code -logSoftmax((0, z))_0} (since {@code logSoftmax(v)_0 = 0 - logSumExp(v)}) with the fused, stable
 * {@code logSoftmax}: finite and exact for logits of any magnitude (at {@code z = 1000}, {@code l = 1000 (1 - t)}). The
 * {@code max + abs} form would be equally stable in value, but its two kinks at {@code z = 0} give the
 * gradient {@code -t} there instead of {@code 1/2 - t} (both relu and abs take derivative 0 at 0), which matters
 * for zero-initialised models, whose logits all start at 0.
 *
 * <p>A target outside {@code [0, 1]} is an {@code IllegalArgumentException}; a NaN target gives a NaN loss.
 */
public final class BCEWithLogitsLoss implements Loss {
  private final Reduction reduction;

  /** With {@link Reduction#MEAN}. */
  public BCEWithLogitsLoss() {
    this(Reduction.MEAN);
  }

  public BCEWithLogitsLoss(Reduction reduction) {
    this.reduction = checkNotNull(reduction, "BCEWithLogitsLoss: reduction must not be null");
  }

  @Override
  public Tensor apply(Tensor prediction, Tensor target) {
    Checks.sameShape("BCEWithLogitsLoss", prediction, target);
    Checks.probabilities("BCEWithLogitsLoss", "target", target, BCELoss.TARGETS);
    return reduction.reduce(softplus(prediction).sub(prediction.mul(target)));
  }

  /** {@code ln(1 + e^z)} elementwise, as {@code -logSoftmax((0, z))_0} over a new last axis. */
  static Tensor softplus(Tensor z) {
    Tensor pair = Tensor.stack(-1, Tensor.zeros(z.dtype(), z.shape().dims()), z);
    return pair.logSoftmax(-1).narrow(-1, 0, 1).squeeze(-1).neg();
  }
}
