package dev.chainrule.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Tensor;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Updates a fixed list of parameters from their gradients. A subclass writes the update of one parameter,
 * {@link #update}; {@link #step()} calls it for every parameter that has a gradient, with grad mode off.
 *
 * <pre>{@code
 * Optimizer opt = Adam.builder(model.parameters()).learningRate(1e-3).build();
 * for (Batch b : loader) {
 *   opt.zeroGrad();
 *   loss(model, b).backward();
 *   opt.step();
 * }
 * }</pre>
 */
public abstract class Optimizer {
  private final List<Tensor> parameters;
  private double learningRate;

  /**
   * @param parameters leaf tensors that require grad, each at most once
   * @param learningRate finite and not negative
   */
  protected Optimizer(List<Tensor> parameters, double learningRate) {
    String name = getClass().getSimpleName();
    checkNotNull(parameters, "%s: parameters must not be null", name);
    checkArgument(!parameters.isEmpty(), "%s: got an empty parameter list", name);
    Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (int i = 0; i < parameters.size(); i++) {
      Tensor p = parameters.get(i);
      checkArgument(p != null, "%s: parameter %s is null", name, i);
      checkArgument(p.isLeaf() && p.needsGrad(), "%s: parameter %s (%s, shape %s) %s", name, i,
          p.label() == null ? "unnamed" : p.label(), p.shape(),
          p.isLeaf() ? "does not require grad; call requiresGrad() on it" : "is not a leaf but computed by "
              + p.gradFn() + "; optimize the leaf it came from");
      checkArgument(seen.add(p), "%s: parameter %s (shape %s) appears more than once", name, i, p.shape());
    }
    this.parameters = List.copyOf(parameters);
    setLearningRate(learningRate);
  }

  /**
   * One update of every parameter whose {@code grad()} is not null, under {@link GradMode#off()}. Parameters
   * without a gradient keep their values and their state (their step count does not advance).
   */
  public final void step() {
    try (var off = GradMode.off()) {
      for (int i = 0; i < parameters.size(); i++) {
        Tensor p = parameters.get(i);
        Tensor g = p.grad();
        if (g != null) {
          update(i, p, g);
        }
      }
    }
  }

  /**
   * Updates parameter {@code index} in place from its gradient {@code grad} (same shape), with grad mode off.
   * Must not change {@code grad}.
   */
  protected abstract void update(int index, Tensor parameter, Tensor grad);

  /** Clears the gradient of every parameter, so that the next backward starts from zero. */
  public void zeroGrad() {
    for (Tensor p : parameters) {
      p.zeroGrad();
    }
  }

  /** The current learning rate. */
  public double learningRate() {
    return learningRate;
  }

  /** Sets the learning rate for the following steps; schedules call this. */
  public final void setLearningRate(double learningRate) {
    checkArgument(Double.isFinite(learningRate) && learningRate >= 0, "%s: learning rate must be finite and not"
        + " negative, got %s", getClass().getSimpleName(), learningRate);
    this.learningRate = learningRate;
  }

  /** The parameters, in the order given, as an unmodifiable list. */
  public List<Tensor> parameters() {
    return parameters;
  }

  /** PyTorch's L2 penalty folded into the gradient: {@code g + weightDecay * p}, a new tensor (g is kept). */
  protected static Tensor withWeightDecay(Tensor grad, Tensor parameter, double weightDecay) {
    return weightDecay == 0 ? grad : grad.add(parameter.mul(weightDecay));
  }

  /** A zero tensor of the parameter's type and shape, for state. */
  protected static Tensor zerosLike(Tensor parameter) {
    return Tensor.zeros(parameter.dtype(), parameter.shape().dims());
  }

  /** Checks that a hyper-parameter lies in {@code [low, high]}, naming it in the message. */
  static double checkRange(String optimizer, String name, double value, double low, double high) {
    checkArgument(value >= low && value <= high, "%s: %s must lie in [%s, %s], got %s", optimizer, name, low, high,
        value);
    return value;
  }
}
