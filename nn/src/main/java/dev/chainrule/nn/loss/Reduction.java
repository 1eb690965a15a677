package dev.chainrule.nn.loss;

import dev.chainrule.autodiff.Tensor;

/** How a loss combines its per-element (or per-sample) terms {@code l_i}. */
public enum Reduction {
  /** {@code (1/n) sum_i l_i}, a scalar. */
  MEAN,
  /** {@code sum_i l_i}, a scalar. */
  SUM,
  /** The terms {@code l_i} themselves. */
  NONE;

  /** Applies this reduction to the terms. */
  public Tensor reduce(Tensor terms) {
    return switch (this) {
      case MEAN -> terms.mean();
      case SUM -> terms.sum();
      case NONE -> terms;
    };
  }
}
