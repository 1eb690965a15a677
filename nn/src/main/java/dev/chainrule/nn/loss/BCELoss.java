package dev.chainrule.nn.loss;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Tensor;

/**
 * Binary cross-entropy on probabilities, per element:
 * {@code l_i = -(t_i ln p'_i + (1 - t_i) ln(1 - p'_i))} with {@code p' = clamp(p, eps, 1 - eps)},
 * {@code eps = 1e-7} (Keras's choice), so a probability of exactly 0 or 1 gives a finite loss (at most about
 * 16.1) instead of infinity. PyTorch clamps each logarithm at -100 instead; the clamp here keeps the gradient
 * finite as well, at the cost of a zero gradient for predictions beyond the bounds. Targets may be soft, in
 * {@code [0, 1]}. Prefer {@link BCEWithLogitsLoss} on logits: it is exact where this one clamps.
 *
 * <p>A prediction or target outside {@code [0, 1]} is an {@code IllegalArgumentException} (a prediction there is
 * a logit, which the clamp would turn into a perfect-looking loss); NaN is not out of range and gives a NaN
 * loss.
 */
public final class BCELoss implements Loss {
  /** What a target outside {@code [0, 1]} is told; shared with {@link BCEWithLogitsLoss}. */
  static final String TARGETS = "targets are probabilities: 0 or 1 labels, or soft labels in [0, 1]";

  /** The clamp of the probabilities. */
  public static final double EPS = 1e-7;

  private final Reduction reduction;

  /** With {@link Reduction#MEAN}. */
  public BCELoss() {
    this(Reduction.MEAN);
  }

  public BCELoss(Reduction reduction) {
    this.reduction = checkNotNull(reduction, "BCELoss: reduction must not be null");
  }

  @Override
  public Tensor apply(Tensor prediction, Tensor target) {
    Checks.sameShape("BCELoss", prediction, target);
    Checks.probabilities("BCELoss", "prediction", prediction, "BCELoss takes probabilities; for logits (raw"
        + " scores) use BCEWithLogitsLoss, which applies the sigmoid itself and is exact where BCELoss clamps");
    Checks.probabilities("BCELoss", "target", target, TARGETS);
    Tensor p = prediction.clamp(EPS, 1 - EPS);
    Tensor terms = target.mul(p.log()).add(target.rsub(1).mul(p.rsub(1).log())).neg();
    return reduction.reduce(terms);
  }
}
