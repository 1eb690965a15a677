package dev.chainrule.optim;

import dev.chainrule.autodiff.Tensor;
import java.util.List;

/**
 * Adagrad, as {@code torch.optim.Adagrad} (PyTorch 1.13): per-element learning rates that shrink with the sum of
 * squared gradients. With learning rate {@code lr}, decay {@code eta}, weight decay {@code lambda}, at step
 * {@code t} (from 1) and {@code s_0} the initial accumulator value:
 *
 * <pre>
 *   g_t     = grad + lambda * theta_{t-1}
 *   clr     = lr / (1 + (t - 1) * eta)
 *   s_t     = s_{t-1} + g_t^2
 *   theta_t = theta_{t-1} - clr * g_t / (sqrt(s_t) + eps)
 * </pre>
 *
 * Defaults: {@code lr = 0.01}, {@code eta = 0}, {@code lambda = 0}, {@code s_0 = 0}, {@code eps = 1e-10}.
 */
public final class Adagrad extends Optimizer {
  private final double learningRateDecay;
  private final double weightDecay;
  private final double initialAccumulator;
  private final double eps;
  private final Tensor[] sums;
  private final int[] steps;

  private Adagrad(Builder b) {
    super(b.parameters, b.learningRate);
    this.learningRateDecay = checkRange("Adagrad", "learningRateDecay", b.learningRateDecay, 0, Double.MAX_VALUE);
    this.weightDecay = checkRange("Adagrad", "weightDecay", b.weightDecay, 0, Double.MAX_VALUE);
    this.initialAccumulator = checkRange("Adagrad", "initialAccumulator", b.initialAccumulator, 0,
        Double.MAX_VALUE);
    this.eps = checkRange("Adagrad", "eps", b.eps, 0, Double.MAX_VALUE);
    this.sums = new Tensor[parameters().size()];
    this.steps = new int[parameters().size()];
  }

  /** Adagrad with PyTorch's defaults and the given learning rate. */
  public Adagrad(List<Tensor> parameters, double learningRate) {
    this(builder(parameters).learningRate(learningRate));
  }

  public static Builder builder(List<Tensor> parameters) {
    return new Builder(parameters);
  }

  @Override
  protected void update(int index, Tensor parameter, Tensor grad) {
    if (sums[index] == null) {
      sums[index] = Tensor.full(parameter.dtype(), initialAccumulator, parameter.shape().dims());
    }
    int t = ++steps[index];
    Tensor g = withWeightDecay(grad, parameter, weightDecay);
    double clr = learningRate() / (1 + (t - 1) * learningRateDecay);
    sums[index].addcmulInPlace(g, g, 1);
    parameter.addcdivSqrtInPlace(g, sums[index], -clr, 1, eps);
  }

  /** Options of {@link Adagrad}, with PyTorch's defaults. */
  public static final class Builder {
    private final List<Tensor> parameters;
    private double learningRate = 0.01;
    private double learningRateDecay;
    private double weightDecay;
    private double initialAccumulator;
    private double eps = 1e-10;

    private Builder(List<Tensor> parameters) {
      this.parameters = parameters;
    }

    public Builder learningRate(double learningRate) {
      this.learningRate = learningRate;
      return this;
    }

    public Builder learningRateDecay(double learningRateDecay) {
      this.learningRateDecay = learningRateDecay;
      return this;
    }

    public Builder weightDecay(double weightDecay) {
      this.weightDecay = weightDecay;
      return this;
    }

    public Builder initialAccumulator(double initialAccumulator) {
      this.initialAccumulator = initialAccumulator;
      return this;
    }

    public Builder eps(double eps) {
      this.eps = eps;
      return this;
    }

    public Adagrad build() {
      return new Adagrad(this);
    }
  }
}
