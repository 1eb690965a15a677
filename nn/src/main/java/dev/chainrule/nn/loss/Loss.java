package dev.chainrule.nn.loss;

import dev.chainrule.autodiff.Tensor;

/** A differentiable loss of a prediction against a target, reduced as its {@link Reduction} says. */
@FunctionalInterface
public interface Loss {
  /**
   * The loss; a scalar for {@link Reduction#MEAN} and {@link Reduction#SUM}.
   *
   * @throws IllegalArgumentException naming the loss and both shapes when they do not fit
   */
  Tensor apply(Tensor prediction, Tensor target);
}
