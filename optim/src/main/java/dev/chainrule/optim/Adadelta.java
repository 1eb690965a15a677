package dev.chainrule.optim;

import dev.chainrule.autodiff.Tensor;
import java.util.List;

/**
 * Adadelta, as {@code torch.optim.Adadelta} (PyTorch 1.13): steps scaled by the ratio of running RMS of past
 * updates to running RMS of gradients. With decay {@code rho}, learning rate {@code lr} and weight decay
 * {@code lambda}, at step {@code t}, with {@code v_0 = u_0 = 0}:
 *
 * <pre>
 *   g_t       = grad + lambda * theta_{t-1}
 *   v_t       = rho * v_{t-1} + (1 - rho) * g_t^2
 *   delta_t   = sqrt(u_{t-1} + eps) / sqrt(v_t + eps) * g_t
 *   u_t       = rho * u_{t-1} + (1 - rho) * delta_t^2
 *   theta_t   = theta_{t-1} - lr * delta_t
 * </pre>
 *
 * Defaults: {@code lr = 1}, {@code rho = 0.9}, {@code eps = 1e-6}, {@code lambda = 0}. {@code delta_t} is a
 * temporary tensor each step: Adadelta is not on the hot path the in-place kernels were written for.
 */
public final class Adadelta extends Optimizer {
  private final double rho;
  private final double eps;
  private final double weightDecay;
  private final Tensor[] squareAverages;
  private final Tensor[] deltaAverages;

  private Adadelta(Builder b) {
    super(b.parameters, b.learningRate);
    this.rho = checkRange("Adadelta", "rho", b.rho, 0, 1);
    this.eps = checkRange("Adadelta", "eps", b.eps, 0, Double.MAX_VALUE);
    this.weightDecay = checkRange("Adadelta", "weightDecay", b.weightDecay, 0, Double.MAX_VALUE);
    this.squareAverages = new Tensor[parameters().size()];
    this.deltaAverages = new Tensor[parameters().size()];
  }

  /** Adadelta with PyTorch's defaults ({@code lr = 1}). */
  public Adadelta(List<Tensor> parameters) {
    this(builder(parameters));
  }

  public static Builder builder(List<Tensor> parameters) {
    return new Builder(parameters);
  }

  @Override
  protected void update(int index, Tensor parameter, Tensor grad) {
    if (squareAverages[index] == null) {
      squareAverages[index] = zerosLike(parameter);
      deltaAverages[index] = zerosLike(parameter);
    }
    Tensor v = squareAverages[index];
    Tensor u = deltaAverages[index];
    Tensor g = withWeightDecay(grad, parameter, weightDecay);
    v.mulAddcmulInPlace(rho, g, g, 1 - rho);
    Tensor delta = u.add(eps).sqrt().div(v.add(eps).sqrt()).mul(g);
    u.mulAddcmulInPlace(rho, delta, delta, 1 - rho);
    parameter.addInPlace(delta, -learningRate());
  }

  /** Options of {@link Adadelta}, with PyTorch's defaults. */
  public static final class Builder {
    private final List<Tensor> parameters;
    private double learningRate = 1.0;
    private double rho = 0.9;
    private double eps = 1e-6;
    private double weightDecay;

    private Builder(List<Tensor> parameters) {
      this.parameters = parameters;
    }

    public Builder learningRate(double learningRate) {
      this.learningRate = learningRate;
      return this;
    }

    public Builder rho(double rho) {
      this.rho = rho;
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

    public Adadelta build() {
      return new Adadelta(this);
    }
  }
}
