package dev.chainrule.optim;

import dev.chainrule.autodiff.Tensor;
import java.util.List;

/**
 * The options Adam and AdamW share, with PyTorch's defaults, as a builder base: each setter returns the concrete
 * builder, so {@code Adam.builder(params).betas(0.9, 0.99).build()} reads as one chain.
 *
 * @param <B> the concrete builder
 */
public abstract class AdamOptions<B extends AdamOptions<B>> {
  final List<Tensor> parameters;
  double learningRate = 1e-3;
  double beta1 = 0.9;
  double beta2 = 0.999;
  double eps = 1e-8;
  double weightDecay;
  boolean amsgrad;

  AdamOptions(List<Tensor> parameters, double weightDecay) {
    this.parameters = parameters;
    this.weightDecay = weightDecay;
  }

  abstract B self();

  public B learningRate(double learningRate) {
    this.learningRate = learningRate;
    return self();
  }

  /** The decay rates of the first and second moment estimates. */
  public B betas(double beta1, double beta2) {
    this.beta1 = beta1;
    this.beta2 = beta2;
    return self();
  }

  public B eps(double eps) {
    this.eps = eps;
    return self();
  }

  /** Weight decay: an L2 term of the gradient for Adam, decoupled for AdamW (see each class). */
  public B weightDecay(double weightDecay) {
    this.weightDecay = weightDecay;
    return self();
  }

  public B amsgrad(boolean amsgrad) {
    this.amsgrad = amsgrad;
    return self();
  }
}
