package dev.chainrule.optim;

import dev.chainrule.autodiff.Tensor;
import java.util.List;

/**
 * RMSprop, as {@code torch.optim.RMSprop} (PyTorch 1.13): gradients divided by a running RMS. With learning
 * rate {@code lr}, smoothing {@code alpha}, momentum {@code mu}, weight decay {@code lambda}, at step {@code t},
 * all state starting at zero:
 *
 * <pre>
 *   g_t     = grad + lambda * theta_{t-1}
 *   v_t     = alpha * v_{t-1} + (1 - alpha) * g_t^2
 *   a_t     = alpha * a_{t-1} + (1 - alpha) * g_t           (centered only)
 *   r_t     = v_t - a_t^2   if centered,   else   r_t = v_t
 *   if mu > 0:  b_t = mu * b_{t-1} + g_t / (sqrt(r_t) + eps);   theta_t = theta_{t-1} - lr * b_t
 *   else:       theta_t = theta_{t-1} - lr * g_t / (sqrt(r_t) + eps)
 * </pre>
 *
 * Defaults: {@code lr = 0.01}, {@code alpha = 0.99}, {@code eps = 1e-8}, {@code mu = 0}, {@code lambda = 0},
 * not centered.
 */
public final class RMSprop extends Optimizer {
  private final double alpha;
  private final double eps;
  private final double weightDecay;
  private final double momentum;
  private final boolean centered;
  private final Tensor[] squareAverages;
  private final Tensor[] gradAverages;
  private final Tensor[] buffers;

  private RMSprop(Builder b) {
    super(b.parameters, b.learningRate);
    this.alpha = checkRange("RMSprop", "alpha", b.alpha, 0, 1);
    this.eps = checkRange("RMSprop", "eps", b.eps, 0, Double.MAX_VALUE);
    this.weightDecay = checkRange("RMSprop", "weightDecay", b.weightDecay, 0, Double.MAX_VALUE);
    this.momentum = checkRange("RMSprop", "momentum", b.momentum, 0, Double.MAX_VALUE);
    this.centered = b.centered;
    int n = parameters().size();
    this.squareAverages = new Tensor[n];
    this.gradAverages = new Tensor[n];
    this.buffers = new Tensor[n];
  }

  /** RMSprop with PyTorch's defaults and the given learning rate. */
  public RMSprop(List<Tensor> parameters, double learningRate) {
    this(builder(parameters).learningRate(learningRate));
  }

  public static Builder builder(List<Tensor> parameters) {
    return new Builder(parameters);
  }

  @Override
  protected void update(int index, Tensor parameter, Tensor grad) {
    if (squareAverages[index] == null) {
      squareAverages[index] = zerosLike(parameter);
      gradAverages[index] = centered ? zerosLike(parameter) : null;
      buffers[index] = momentum > 0 ? zerosLike(parameter) : null;
    }
    Tensor g = withWeightDecay(grad, parameter, weightDecay);
    Tensor r = squareAverages[index].mulAddcmulInPlace(alpha, g, g, 1 - alpha);
    if (centered) {
      Tensor a = gradAverages[index].mulAddInPlace(alpha, g, 1 - alpha);
      r = r.sub(a.square());
    }
    if (momentum > 0) {
      Tensor b = buffers[index].mulInPlace(momentum).addcdivSqrtInPlace(g, r, 1, 1, eps);
      parameter.addInPlace(b, -learningRate());
    } else {
      parameter.addcdivSqrtInPlace(g, r, -learningRate(), 1, eps);
    }
  }

  /** Options of {@link RMSprop}, with PyTorch's defaults. */
  public static final class Builder {
    private final List<Tensor> parameters;
    private double learningRate = 0.01;
    private double alpha = 0.99;
    private double eps = 1e-8;
    private double weightDecay;
    private double momentum;
    private boolean centered;

    private Builder(List<Tensor> parameters) {
      this.parameters = parameters;
    }

    public Builder learningRate(double learningRate) {
      this.learningRate = learningRate;
      return this;
    }

    public Builder alpha(double alpha) {
      this.alpha = alpha;
      return this;
    }

    public Builder eps(double eps) {
      this.eps = eps;
      return this;
    }

    public Builder weightDecay(double weightDecay) {
      this.weightDecay = weightDecay;
      return this;
    }

    public Builder momentum(double momentum) {
      this.momentum = momentum;
      return this;
    }

    public Builder centered(boolean centered) {
      this.centered = centered;
      return this;
    }

    public RMSprop build() {
      return new RMSprop(this);
    }
  }
}
