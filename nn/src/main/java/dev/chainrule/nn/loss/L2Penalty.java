package dev.chainrule.nn.loss;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Tensor;

/**
 * The L2 (weight-decay) penalty {@code (lambda / 2) sum_w w^2} over the given tensors, a differentiable scalar
 * to add to a loss: {@code loss.add(L2Penalty.of(1e-4, model.parameters()))}; its gradient is
 * {@code lambda w}. Pass only the weights to leave biases unpenalised.
 */
public final class L2Penalty {
  private L2Penalty() {}

  /** {@code (lambda / 2) sum_w w^2}; at least one tensor. */
  public static Tensor of(double lambda, Iterable<Tensor> weights) {
    checkArgument(lambda >= 0, "L2Penalty: lambda must be >= 0, got %s", lambda);
    checkNotNull(weights, "L2Penalty: weights must not be null");
    Tensor sum = null;
    for (Tensor w : weights) {
      Tensor term = checkNotNull(w, "L2Penalty: a weight is null").square().sum();
      sum = sum == null ? term : sum.add(term);
    }
    checkArgument(sum != null, "L2Penalty: no weights given");
    return sum.mul(lambda / 2);
  }
}
