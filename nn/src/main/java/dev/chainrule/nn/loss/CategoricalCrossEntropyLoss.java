package dev.chainrule.nn.loss;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Tensor;

/**
 * Cross-entropy from logits {@code z} against one-hot or soft target distributions {@code t}, both of shape
 * {@code (N, C)}, per sample: {@code l_i = -sum_c t_ic logSoftmax(z_i)_c}, stable for any logits. With one-hot
 * targets it equals {@link CrossEntropyLoss} on the labels. {@link Reduction#MEAN} averages over the N samples.
 */
public final class CategoricalCrossEntropyLoss implements Loss {
  private final Reduction reduction;

  /** With {@link Reduction#MEAN}. */
  public CategoricalCrossEntropyLoss() {
    this(Reduction.MEAN);
  }

  public CategoricalCrossEntropyLoss(Reduction reduction) {
    this.reduction = checkNotNull(reduction, "CategoricalCrossEntropyLoss: reduction must not be null");
  }

  @Override
  public Tensor apply(Tensor logits, Tensor targets) {
    Checks.sameShape("CategoricalCrossEntropyLoss", logits, targets);
    checkArgument(logits.rank() == 2, "CategoricalCrossEntropyLoss: prediction of shape %s and target of shape %s"
        + " must be (N, C)", logits.shape(), targets.shape());
    return reduction.reduce(targets.mul(logits.logSoftmax(1)).sum(new int[] {1}, false).neg());
  }
}
