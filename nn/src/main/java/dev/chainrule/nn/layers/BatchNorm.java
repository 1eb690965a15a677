package dev.chainrule.nn.layers;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * Batch normalisation per channel (axis 1) over every other axis: the batch axis N and the spatial axes of
 * {@code (N, C, L)} or {@code (N, C, H, W)}. With {@code n} the number of values per channel (N, N*L or N*H*W),
 * {@code y = gamma * (x - mu) / sqrt(var + eps) + beta}.
 *
 * <p>Training: {@code mu} and {@code var} are the channel's mean and biased variance {@code (1/n) sum (x - mu)^2}
 * over the batch, and the buffers follow, in place and outside the graph, PyTorch's update with factor
 * {@code m} and the unbiased variance: {@code running_mean = (1 - m) running_mean + m mu},
 * {@code running_var = (1 - m) running_var + m var * n / (n - 1)}. Evaluation: {@code mu} and {@code var} are
 * the running estimates (initially 0 and 1). With {@code affine}, {@code gamma} (weight, ones) and {@code beta}
 * (bias, zeros) are trained parameters; without, there are none and {@code y = (x - mu) / sqrt(var + eps)}.
 *
 * <p>Each training pass, and nothing else (not evaluation, not a refused input), adds 1 to the buffer
 * {@code num_batches_tracked} {@code t}, an INT64 scalar of shape {@code ()} named and typed as in PyTorch. A state
 * dict saved before it was INT64 holds a FLOAT64 scalar: loading converts a whole number {@code >= 0} and refuses
 * any other value, naming the buffer and the value ({@link #upgradeLoadedEntry}).
 *
 * <p>The factor {@code m} is the momentum or, without one (PyTorch's {@code momentum=None}, the
 * {@code cumulative} factories), {@code m = 1 / t} after counting the pass: a cumulative moving average. The
 * first pass has {@code m = 1}, so the initial values drop out, and after {@code k} passes from a count of 0,
 * {@code running_mean = (1/k) sum_t mu_t} and {@code running_var = (1/k) sum_t var_t * n_t / (n_t - 1)}.
 *
 * <p>Backward is the graph of these ops: in training mode the gradient flows through {@code mu} and {@code var}
 * too, as in PyTorch; in evaluation mode the statistics are constants.
 */
abstract class BatchNorm extends Module {
  /** PyTorch's defaults. */
  static final double DEFAULT_EPS = 1e-5;
  static final double DEFAULT_MOMENTUM = 0.1;
  /** The counter's buffer name, PyTorch's. */
  private static final String TRACKED = "num_batches_tracked";

  private final String name;
  private final int channels;
  private final double eps;
  /** The factor {@code m}, or empty for the cumulative average. */
  private final OptionalDouble momentum;
  private final boolean affine;

  /** {@code momentum} empty is PyTorch's {@code momentum=None}, the cumulative average. */
  BatchNorm(String name, int channels, double eps, OptionalDouble momentum, boolean affine) {
    checkArgument(channels > 0, "%s: features must be positive, got %s", name, channels);
    checkArgument(eps > 0 && Double.isFinite(eps), "%s: eps must be positive and finite, got %s", name, eps);
    if (momentum.isPresent()) {
      double m = momentum.getAsDouble();
      checkArgument(m >= 0 && m <= 1, "%s: momentum must be in [0, 1], got %s", name, m);
    }
    this.name = name;
    this.channels = channels;
    this.eps = eps;
    this.momentum = momentum;
    this.affine = affine;
    if (affine) {
      registerParameter("weight", Tensor.ones(channels));
      registerParameter("bias", Tensor.zeros(channels));
    }
    registerBuffer("running_mean", Tensor.zeros(channels));
    registerBuffer("running_var", Tensor.ones(channels));
    registerBuffer(TRACKED, Tensor.of(new long[] {0}));
  }

  /** Refuses an input whose rank the subclass does not take, naming the expected shape. */
  abstract void checkRank(Tensor x);

  @Override
  public final Tensor forward(Tensor x) {
    checkRank(x);
    checkArgument(x.shape().dim(1) == channels, "%s: input of shape %s must have %s channels on axis 1, got %s",
        name, x.shape(), channels, x.shape().dim(1));
    // (N, C) keeps PyTorch's (C) statistics; otherwise (1, C, 1, ...) so they broadcast over the spatial axes
    int[] axes = statisticAxes(x.rank());
    boolean keepDims = x.rank() > 2;
    int[] statShape = keepDims ? broadcastShape(x.rank()) : new int[] {channels};
    Tensor mean;
    Tensor var;
    if (isTraining()) {
      int n = x.size() / channels;
      checkArgument(n > 1, "%s: training needs more than one value per channel, got input of shape %s", name,
          x.shape());
      mean = x.mean(axes, keepDims);
      var = x.sub(mean).square().mean(axes, keepDims);
      try (var off = GradMode.off()) {
        long t = countBatch();
        double m = momentum.orElse(1.0 / t);
        runningMean().copyFrom(runningMean().mul(1 - m).add(mean.reshape(channels).mul(m)));
        runningVar().copyFrom(runningVar().mul(1 - m).add(var.reshape(channels).mul(m * n / (n - 1.0))));
      }
    } else {
      mean = runningMean().reshape(statShape);
      var = runningVar().reshape(statShape);
    }
    Tensor y = x.sub(mean).div(var.add(eps).sqrt());
    return affine ? y.mul(parameter("weight").reshape(statShape)).add(parameter("bias").reshape(statShape)) : y;
  }

  /**
   * Adds this training pass to {@code num_batches_tracked} and returns the new count {@code t >= 1}, refusing a
   * negative count (loading refuses one, so only an in-place change of the buffer can leave it).
   */
  private long countBatch() {
    Tensor tracked = buffer(TRACKED);
    long count = tracked.longItem();
    checkState(count >= 0, "%s: %s is %s; it must be >= 0 (was the buffer changed in place?)", name, TRACKED,
        count);
    tracked.copyFrom(Tensor.of(new long[] {count + 1}));
    return count + 1;
  }

  /**
   * Loads {@code num_batches_tracked} from an INT64 count {@code >= 0} or, as older chainrule state dicts saved
   * it, from a floating one that is a whole number {@code >= 0} (converted exactly); refuses any other value.
   * Other entries load as they are.
   */
  @Override
  protected final Tensor upgradeLoadedEntry(String entry, Tensor value) {
    if (!entry.equals(TRACKED) || value.size() != 1 || value.dtype() == DType.BOOL) {
      return value; // a wrong shape or type is the load's own error to report
    }
    if (value.dtype() == DType.INT64) {
      checkArgument(value.longItem() >= 0, "%s: %s %s must be >= 0", name, TRACKED, value.longItem());
      return value;
    }
    double count = value.item();
    checkArgument(count >= 0 && count == Math.rint(count) && count < 0x1p63,
        "%s: %s %s (%s) must be a whole number >= 0", name, TRACKED, count, value.dtype());
    return Tensor.of(new long[] {(long) count}, value.shape().dims());
  }

  /** Every axis but the channel axis 1. */
  private static int[] statisticAxes(int rank) {
    int[] axes = new int[rank - 1];
    axes[0] = 0;
    for (int a = 2; a < rank; a++) {
      axes[a - 1] = a;
    }
    return axes;
  }

  /** {@code (1, C, 1, ...)} of the input's rank. */
  private int[] broadcastShape(int rank) {
    int[] shape = new int[rank];
    Arrays.fill(shape, 1);
    shape[1] = channels;
    return shape;
  }

  /** The running mean of each channel, shape {@code (C,)}. */
  public final Tensor runningMean() {
    return buffer("running_mean");
  }

  /** The running (unbiased) variance of each channel, shape {@code (C,)}. */
  public final Tensor runningVar() {
    return buffer("running_var");
  }

  /** The number of training passes so far, PyTorch's {@code num_batches_tracked}. */
  public final long numBatchesTracked() {
    return buffer(TRACKED).longItem();
  }

  public final double eps() {
    return eps;
  }

  /** The weight of a batch's statistics in the running ones, or empty for the cumulative average. */
  public final OptionalDouble momentum() {
    return momentum;
  }

  public final boolean affine() {
    return affine;
  }

  @Override
  protected final String extraRepr() {
    String m = momentum.isPresent() ? String.valueOf(momentum.getAsDouble()) : "None";
    return channels + ", eps=" + eps + ", momentum=" + m + (affine ? "" : ", affine=false");
  }
}
