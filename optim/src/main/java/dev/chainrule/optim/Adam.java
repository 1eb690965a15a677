package dev.chainrule.optim;

import dev.chainrule.autodiff.Tensor;
import java.util.List;

/**
 * Adam, as {@code torch.optim.Adam} (PyTorch 1.13), with weight decay as an L2 term of the gradient and the
 * optional AMSGrad variant. With learning rate {@code lr}, betas {@code beta1, beta2}, weight decay
 * {@code lambda}, at step {@code t} (from 1), {@code m_0 = v_0 = vmax_0 = 0}:
 *
 * <pre>
 *   g_t     = grad + lambda * theta_{t-1}
 *   m_t     = beta1 * m_{t-1} + (1 - beta1) * g_t
 *   v_t     = beta2 * v_{t-1} + (1 - beta2) * g_t^2
 *   vhat_t  = max(vmax_{t-1}, v_t) = vmax_t   if amsgrad,   else   vhat_t = v_t
 *   theta_t = theta_{t-1} - lr / (1 - beta1^t) * m_t / (sqrt(vhat_t) / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * Defaults: {@code lr = 1e-3}, betas {@code (0.9, 0.999)}, {@code eps = 1e-8}, {@code lambda = 0}, no AMSGrad.
 * For decoupled weight decay use {@link AdamW}.
 */
public final class Adam extends Optimizer {
  private final double weightDecay;
  private final AdamMoments moments;

  private Adam(Builder b) {
    super(b.parameters, b.learningRate);
    this.weightDecay = checkRange("Adam", "weightDecay", b.weightDecay, 0, Double.MAX_VALUE);
    this.moments = new AdamMoments("Adam", parameters().size(), b.beta1, b.beta2, b.eps, b.amsgrad);
  }

  /** Adam with PyTorch's defaults and the given learning rate. */
  public Adam(List<Tensor> parameters, double learningRate) {
    this(builder(parameters).learningRate(learningRate));
  }

  public static Builder builder(List<Tensor> parameters) {
    return new Builder(parameters);
  }

  @Override
  protected void update(int index, Tensor parameter, Tensor grad) {
    moments.update(index, parameter, withWeightDecay(grad, parameter, weightDecay), learningRate());
  }

  /** Options of {@link Adam}, with PyTorch's defaults (weight decay 0). */
  public static final class Builder extends AdamOptions<Builder> {
    private Builder(List<Tensor> parameters) {
      super(parameters, 0);
    }

    @Override
    Builder self() {
      return this;
    }

    public Adam build() {
      return new Adam(this);
    }
  }
}
