package dev.chainrule.optim;

import dev.chainrule.autodiff.Tensor;
import java.util.List;

/**
 * AdamW, as {@code torch.optim.AdamW} (PyTorch 1.13): Adam with weight decay decoupled from the gradient
 * (Loshchilov and Hutter). With learning rate {@code lr}, betas {@code beta1, beta2}, weight decay
 * {@code lambda}, at step {@code t} (from 1), {@code m_0 = v_0 = vmax_0 = 0}:
 *
 * <pre>
 *   theta'  = theta_{t-1} * (1 - lr * lambda)
 *   m_t     = beta1 * m_{t-1} + (1 - beta1) * grad
 *   v_t     = beta2 * v_{t-1} + (1 - beta2) * grad^2
 *   vhat_t  = max(vmax_{t-1}, v_t) = vmax_t   if amsgrad,   else   vhat_t = v_t
 *   theta_t = theta' - lr / (1 - beta1^t) * m_t / (sqrt(vhat_t) / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * Defaults: {@code lr = 1e-3}, betas {@code (0.9, 0.999)}, {@code eps = 1e-8}, {@code lambda = 0.01}, no
 * AMSGrad.
 */
public final class AdamW extends Optimizer {
  private final double weightDecay;
  private final AdamMoments moments;

  private AdamW(Builder b) {
    super(b.parameters, b.learningRate);
    this.weightDecay = checkRange("AdamW", "weightDecay", b.weightDecay, 0, Double.MAX_VALUE);
    this.moments = new AdamMoments("AdamW", parameters().size(), b.beta1, b.beta2, b.eps, b.amsgrad);
  }

  /** AdamW with PyTorch's defaults and the given learning rate. */
  public AdamW(List<Tensor> parameters, double learningRate) {
    this(builder(parameters).learningRate(learningRate));
  }

  public static Builder builder(List<Tensor> parameters) {
    return new Builder(parameters);
  }

  @Override
  protected void update(int index, Tensor parameter, Tensor grad) {
    if (weightDecay != 0) {
      parameter.mulInPlace(1 - learningRate() * weightDecay);
    }
    moments.update(index, parameter, grad, learningRate());
  }

  /** Options of {@link AdamW}, with PyTorch's defaults (weight decay 0.01). */
  public static final class Builder extends AdamOptions<Builder> {
    private Builder(List<Tensor> parameters) {
      super(parameters, 0.01);
    }

    @Override
    Builder self() {
      return this;
    }

    public AdamW build() {
      return new AdamW(this);
    }
  }
}
