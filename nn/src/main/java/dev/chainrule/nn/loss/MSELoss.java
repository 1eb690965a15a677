package dev.chainrule.nn.loss;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Tensor;

/** Mean squared error: {@code l_i = (p_i - t_i)^2} per element, prediction and target of one shape. */
public final class MSELoss implements Loss {
  private final Reduction reduction;

  /** With {@link Reduction#MEAN}. */
  public MSELoss() {
    this(Reduction.MEAN);
  }

  public MSELoss(Reduction reduction) {
    this.reduction = checkNotNull(reduction, "MSELoss: reduction must not be null");
  }

  @Override
  public Tensor apply(Tensor prediction, Tensor target) {
    Checks.sameShape("MSELoss", prediction, target);
    return reduction.reduce(prediction.sub(target).square());
  }
}
