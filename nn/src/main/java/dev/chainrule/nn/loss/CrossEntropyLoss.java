package dev.chainrule.nn.loss;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Tensor;

/**
 * Cross-entropy from logits {@code z} of shape {@code (N, C)} and class labels {@code y}, an INT64 tensor of shape
 * {@code (N,)}, per sample:
 * {@code l_i = -logSoftmax(z_i)[y_i] = logSumExp(z_i) - z_i[y_i]}; composed as {@code logSoftmax} then
 * {@code gather}, so it is stable for any logits. {@link Reduction#MEAN} averages over the N samples. Its
 * gradient with respect to {@code z_i} is {@code softmax(z_i) - onehot(y_i)}. Floating labels, or a label not in
 * {@code [0, C)}, are an {@code IllegalArgumentException}; one-hot or soft targets {@code (N, C)} are pointed to
 * {@link CategoricalCrossEntropyLoss}.
 */
public final class CrossEntropyLoss implements Loss {
  private final Reduction reduction;

  /** With {@link Reduction#MEAN}. */
  public CrossEntropyLoss() {
    this(Reduction.MEAN);
  }

  public CrossEntropyLoss(Reduction reduction) {
    this.reduction = checkNotNull(reduction, "CrossEntropyLoss: reduction must not be null");
  }

  @Override
  public Tensor apply(Tensor logits, Tensor labels) {
    Tensor index = Checks.labelIndex("CrossEntropyLoss", logits, labels);
    return reduction.reduce(logits.logSoftmax(1).gather(1, index).squeeze(1).neg());
  }
}
