package dev.chainrule.nn.loss;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Tensor;

/**
 * Negative log-likelihood of log-probabilities {@code q} of shape {@code (N, C)} (e.g. from
 * {@code LogSoftmax}) and class labels {@code y}, an INT64 tensor of shape {@code (N,)}, per sample:
 * {@code l_i = -q_i[y_i]}. {@code NLLLoss(logSoftmax(z), y)} equals {@code CrossEntropyLoss(z, y)}.
 * {@link Reduction#MEAN} averages over the N samples. Floating labels, or a label not in {@code [0, C)}, are an
 * {@code IllegalArgumentException}; one-hot or soft targets {@code (N, C)} are pointed to
 * {@link CategoricalCrossEntropyLoss}.
 */
public final class NLLLoss implements Loss {
  private final Reduction reduction;

  /** With {@link Reduction#MEAN}. */
  public NLLLoss() {
    this(Reduction.MEAN);
  }

  public NLLLoss(Reduction reduction) {
    this.reduction = checkNotNull(reduction, "NLLLoss: reduction must not be null");
  }

  @Override
  public Tensor apply(Tensor logProbabilities, Tensor labels) {
    Tensor index = Checks.labelIndex("NLLLoss", logProbabilities, labels);
    return reduction.reduce(logProbabilities.gather(1, index).squeeze(1).neg());
  }
}
