package dev.chainrule.optim;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Tensor;
import java.util.List;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight decay, as
 * {@code torch.optim.SGD} (PyTorch 1.13). With learning rate {@code lr}, momentum {@code mu}, dampening
 * {@code tau} and weight decay {@code lambda}, at step {@code t} (from 1):
 *
 * <pre>
 *   g_t = grad + lambda * theta_{t-1}
 *   if mu != 0:
 *     b_t = g_t                                 (t = 1)
 *     b_t = mu * b_{t-1} + (1 - tau) * g_t      (t > 1)
 *     g_t = g_t + mu * b_t    if nesterov,   else   g_t = b_t
 *   theta_t = theta_{t-1} - lr * g_t
 * </pre>
 *
 * Nesterov needs {@code mu > 0} and {@code tau = 0}. The Nesterov update is applied as two in-place steps,
 * {@code theta - lr * g - lr * mu * b}: the same value, possibly one rounding apart from PyTorch.
 */
public final class SGD extends Optimizer {
  private final double momentum;
  private final double dampening;
  private final boolean nesterov;
  private final double weightDecay;
  private final Tensor[] buffers;

  private SGD(Builder b) {
    super(b.parameters, b.learningRate);
    this.momentum = checkRange("SGD", "momentum", b.momentum, 0, Double.MAX_VALUE);
    this.dampening = checkRange("SGD", "dampening", b.dampening, -Double.MAX_VALUE, Double.MAX_VALUE);
    this.weightDecay = checkRange("SGD", "weightDecay", b.weightDecay, 0, Double.MAX_VALUE);
    this.nesterov = b.nesterov;
    checkArgument(!nesterov || (momentum > 0 && dampening == 0), "SGD: Nesterov momentum requires momentum > 0"
        + " and zero dampening, got momentum %s and dampening %s", momentum, dampening);
    this.buffers = new Tensor[parameters().size()];
  }

  /** Plain SGD: {@code theta -= lr * grad}. */
  public SGD(List<Tensor> parameters, double learningRate) {
    this(builder(parameters).learningRate(learningRate));
  }

  /** A builder; the learning rate must be set, the other options default to 0 and false as in PyTorch. */
  public static Builder builder(List<Tensor> parameters) {
    return new Builder(parameters);
  }

  @Override
  protected void update(int index, Tensor parameter, Tensor grad) {
    double lr = learningRate();
    Tensor g = withWeightDecay(grad, parameter, weightDecay);
    if (momentum == 0) {
      parameter.addInPlace(g, -lr);
      return;
    }
    Tensor b = buffers[index];
    if (b == null) {
      b = buffers[index] = zerosLike(parameter).copyFrom(g);
    } else {
      b.mulAddInPlace(momentum, g, 1 - dampening);
    }
    if (nesterov) {
      parameter.addInPlace(g, -lr).addInPlace(b, -lr * momentum);
    } else {
      parameter.addInPlace(b, -lr);
    }
  }

  /** Options of {@link SGD}. */
  public static final class Builder {
    private final List<Tensor> parameters;
    private double learningRate = Double.NaN;
    private double momentum;
    private double dampening;
    private boolean nesterov;
    private double weightDecay;

    private Builder(List<Tensor> parameters) {
      this.parameters = parameters;
    }

    public Builder learningRate(double learningRate) {
      this.learningRate = learningRate;
      return this;
    }

    public Builder momentum(double momentum) {
      this.momentum = momentum;
      return this;
    }

    public Builder dampening(double dampening) {
      this.dampening = dampening;
      return this;
    }

    public Builder nesterov(boolean nesterov) {
      this.nesterov = nesterov;
      return this;
    }

    public Builder weightDecay(double weightDecay) {
      this.weightDecay = weightDecay;
      return this;
    }

    /** @throws IllegalArgumentException when the learning rate was not set or an option is out of range */
    public SGD build() {
      checkArgument(!Double.isNaN(learningRate), "SGD: the learning rate has no default; set learningRate(...)");
      return new SGD(this);
    }
  }
}
