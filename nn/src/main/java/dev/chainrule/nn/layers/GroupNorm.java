package dev.chainrule.nn.layers;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;
import java.util.Arrays;

/**
 * Group normalisation, as {@code torch.nn.GroupNorm(num_groups, num_channels)}: the {@code C} channels of an
 * input {@code (N, C, *)} fall into {@code G} groups of {@code C/G} consecutive channels, and each (sample, group)
 * is normalised with the mean and <em>biased</em> variance of its {@code n = (C/G) * prod(*)} values,
 * {@code mu = (1/n) sum x}, {@code var = (1/n) sum (x - mu)^2}, {@code xhat = (x - mu) / sqrt(var + eps)}; then
 * each channel {@code c} gets its own affine map {@code y = gamma_c * xhat + beta_c}, with weight {@code gamma}
 * (ones) and bias {@code beta} (zeros) of shape {@code (C,)}. Without {@code affine}, {@code y = xhat} and there
 * are no parameters. {@code G = 1} normalises each sample over all its values, {@code G = C} each channel of each
 * sample on its own (instance norm). The statistics belong to each sample: training and evaluation compute the
 * same thing and there are no buffers.
 *
 * <p>Backward is the graph of these ops, the gradient flowing through {@code mu} and {@code var}: per group,
 * with {@code g = dL/dy * gamma_c}, {@code dL/dx = (g - mean(g) - xhat * mean(g * xhat)) / sqrt(var + eps)};
 * {@code dL/dgamma_c} and {@code dL/dbeta_c} sum {@code dL/dy * xhat} and {@code dL/dy} over the batch and the
 * channel's positions. A NaN makes its whole (sample, group) NaN.
 */
public final class GroupNorm extends Module {
  private final int numGroups;
  private final int numChannels;
  private final double eps;
  private final boolean affine;

  /** {@code numGroups} groups of {@code numChannels} channels, eps {@code 1e-5}, with a trained weight and bias. */
  public GroupNorm(int numGroups, int numChannels) {
    this(numGroups, numChannels, LayerNorm.DEFAULT_EPS, true);
  }

  /**
   * @param numGroups {@code G}, positive, dividing {@code numChannels}
   * @param numChannels {@code C}, the size of the input's axis 1
   * @param eps added to the variance before the square root, {@code > 0}
   * @param affine whether the per-channel {@code gamma} and {@code beta} exist and are trained
   */
  public GroupNorm(int numGroups, int numChannels, double eps, boolean affine) {
    checkArgument(numGroups > 0 && numChannels > 0,
        "GroupNorm: numGroups and numChannels must be positive, got %s and %s", numGroups, numChannels);
    checkArgument(numChannels % numGroups == 0, "GroupNorm: numChannels %s must be divisible by numGroups %s",
        numChannels, numGroups);
    checkArgument(eps > 0 && Double.isFinite(eps), "GroupNorm: eps must be positive and finite, got %s", eps);
    this.numGroups = numGroups;
    this.numChannels = numChannels;
    this.eps = eps;
    this.affine = affine;
    if (affine) {
      registerParameter("weight", Tensor.ones(numChannels));
      registerParameter("bias", Tensor.zeros(numChannels));
    }
  }

  @Override
  public Tensor forward(Tensor x) {
    checkArgument(x.rank() >= 2 && x.shape().dim(1) == numChannels,
        "GroupNorm: input of shape %s must be (N, C, *) with C = %s channels on axis 1", x.shape(), numChannels);
    int[] shape = x.shape().dims();
    int perSample = numChannels;
    for (int a = 2; a < shape.length; a++) {
      perSample *= shape[a];
    }
    // (N, G, n): one row per (sample, group), as the channels of a group are consecutive
    Tensor groups = x.reshape(shape[0], numGroups, perSample / numGroups);
    int[] values = {2};
    Tensor centred = groups.sub(groups.mean(values, true));
    Tensor y = centred.div(centred.square().mean(values, true).add(eps).sqrt()).reshape(shape);
    if (!affine) {
      return y;
    }
    int[] channelShape = new int[shape.length]; // (1, C, 1, ...) broadcasts over N and the positions
    Arrays.fill(channelShape, 1);
    channelShape[1] = numChannels;
    return y.mul(parameter("weight").reshape(channelShape)).add(parameter("bias").reshape(channelShape));
  }

  /** {@code G}, the number of groups. */
  public int numGroups() {
    return numGroups;
  }

  /** {@code C}, the number of channels. */
  public int numChannels() {
    return numChannels;
  }

  /** Added to the variance before the square root. */
  public double eps() {
    return eps;
  }

  /** Whether there are a trained per-channel weight and bias. */
  public boolean affine() {
    return affine;
  }

  @Override
  protected String extraRepr() {
    return numGroups + ", " + numChannels + ", eps=" + eps + (affine ? "" : ", affine=false");
  }
}
