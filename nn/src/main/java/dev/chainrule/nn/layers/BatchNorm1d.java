package dev.chainrule.nn.layers;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;

/**
 * Batch normalisation over the batch axis of {@code (N, C)} inputs, per feature {@code c}:
 * {@code y = gamma * (x - mu) / sqrt(var + eps) + beta}, with eps {@code 1e-5}; {@code gamma} (weight, ones)
 * and {@code beta} (bias, zeros) are trained.
 *
 * <p>Training: {@code mu} and {@code var} are the batch mean and the biased batch variance
 * {@code (1/N) sum (x - mu)^2}, and the buffers follow, in place and outside the graph, PyTorch's update with
 * momentum {@code m = 0.1} and the unbiased variance:
 * {@code running_mean = (1 - m) running_mean + m mu},
 * {@code running_var = (1 - m) running_var + m var * N / (N - 1)}.
 * Evaluation: {@code mu} and {@code var} are the running estimates (initially 0 and 1).
 */
public final class BatchNorm1d extends Module {
  private static final double EPS = 1e-5;
  private static final double MOMENTUM = 0.1;

  private final int features;

  public BatchNorm1d(int features) {
    checkArgument(features > 0, "BatchNorm1d: features must be positive, got %s", features);
    this.features = features;
    registerParameter("weight", Tensor.ones(features));
    registerParameter("bias", Tensor.zeros(features));
    registerBuffer("running_mean", Tensor.zeros(features));
    registerBuffer("running_var", Tensor.ones(features));
  }

  @Override
  public Tensor forward(Tensor x) {
    checkArgument(x.rank() == 2 && x.shape().dim(1) == features, "BatchNorm1d: input of shape %s must be (N, %s)",
        x.shape(), features);
    Tensor mean;
    Tensor var;
    if (isTraining()) {
      int n = x.shape().dim(0);
      checkArgument(n > 1, "BatchNorm1d: training needs more than one sample per feature, got input of shape %s",
          x.shape());
      mean = x.mean(new int[] {0}, false);
      var = x.sub(mean).square().mean(new int[] {0}, false);
      try (var off = GradMode.off()) {
        runningMean().copyFrom(runningMean().mul(1 - MOMENTUM).add(mean.mul(MOMENTUM)));
        runningVar().copyFrom(runningVar().mul(1 - MOMENTUM).add(var.mul(MOMENTUM * n / (n - 1.0))));
      }
    } else {
      mean = runningMean();
      var = runningVar();
    }
    return x.sub(mean).div(var.add(EPS).sqrt()).mul(parameter("weight")).add(parameter("bias"));
  }

  /** The running mean of each feature, shape {@code (C,)}. */
  public Tensor runningMean() {
    return buffer("running_mean");
  }

  /** The running (unbiased) variance of each feature, shape {@code (C,)}. */
  public Tensor runningVar() {
    return buffer("running_var");
  }

  @Override
  protected String extraRepr() {
    return features + ", eps=" + EPS + ", momentum=" + MOMENTUM;
  }
}
