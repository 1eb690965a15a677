package dev.chainrule.optim;

import dev.chainrule.autodiff.Tensor;

/**
 * The per-parameter state and update shared by {@link Adam} and {@link AdamW}: moment estimates, bias
 * correction, the AMSGrad maximum, and the parameter step
 * {@code theta -= lr / (1 - beta1^t) * m_t / (sqrt(vhat_t) / sqrt(1 - beta2^t) + eps)}, in three in-place passes.
 */
final class AdamMoments {
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final boolean amsgrad;
  private final Tensor[] first;
  private final Tensor[] second;
  private final Tensor[] secondMax;
  private final int[] steps;

  AdamMoments(String optimizer, int parameters, double beta1, double beta2, double eps, boolean amsgrad) {
    this.beta1 = Optimizer.checkRange(optimizer, "beta1", beta1, 0, Math.nextDown(1.0));
    this.beta2 = Optimizer.checkRange(optimizer, "beta2", beta2, 0, Math.nextDown(1.0));
    this.eps = Optimizer.checkRange(optimizer, "eps", eps, 0, Double.MAX_VALUE);
    this.amsgrad = amsgrad;
    this.first = new Tensor[parameters];
    this.second = new Tensor[parameters];
    this.secondMax = new Tensor[parameters];
    this.steps = new int[parameters];
  }

  /** One step of parameter {@code index} from the (already weight-decayed) gradient {@code g}. */
  void update(int index, Tensor parameter, Tensor g, double learningRate) {
    if (first[index] == null) {
      first[index] = Optimizer.zerosLike(parameter);
      second[index] = Optimizer.zerosLike(parameter);
      secondMax[index] = amsgrad ? Optimizer.zerosLike(parameter) : null;
    }
    int t = ++steps[index];
    Tensor m = first[index].mulAddInPlace(beta1, g, 1 - beta1);
    Tensor v = second[index].mulAddcmulInPlace(beta2, g, g, 1 - beta2);
    if (amsgrad) {
      v = secondMax[index].maximumInPlace(v);
    }
    double stepSize = learningRate / (1 - Math.pow(beta1, t));
    parameter.addcdivSqrtInPlace(m, v, -stepSize, Math.sqrt(1 - Math.pow(beta2, t)), eps);
  }
}
