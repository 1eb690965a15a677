package dev.chainrule.nn.layers.conv;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.ops.conv.Conv;
import dev.chainrule.autodiff.ops.conv.ConvOptions;

/**
 * A 1-D convolution layer, PyTorch's {@code nn.Conv1d}: input {@code (N, in, L)}, output {@code (N, out, L')}
 * with {@code L' = floor((L + 2p - d (k - 1) - 1) / s) + 1}, {@code weight (out, in/groups, k)},
 * {@code bias (out,)}; the options are single numbers ({@code ConvOptions.defaults().stride(2).padding(1)}).
 * Computed by {@link Conv#conv1d}, a conv2d on a view of height 1. Initialisation as PyTorch's (see
 * {@link ConvLayer}).
 */
public final class Conv1d extends ConvLayer {
  private final int kernel;

  /** Stride 1, no padding, with a bias. */
  public Conv1d(int inChannels, int outChannels, int kernel, Rng rng) {
    this(inChannels, outChannels, kernel, ConvOptions.defaults(), true, rng);
  }

  public Conv1d(int inChannels, int outChannels, int kernel, ConvOptions options, Rng rng) {
    this(inChannels, outChannels, kernel, options, true, rng);
  }

  public Conv1d(int inChannels, int outChannels, int kernel, ConvOptions options, boolean bias, Rng rng) {
    super("Conv1d", inChannels, outChannels, new int[] {kernel}, options, bias,
        new int[] {outChannels, inChannels / Math.max(1, options.groups()), kernel}, rng);
    this.kernel = kernel;
  }

  @Override
  public Tensor forward(Tensor x) {
    checkInput(x, 3, "(N, C, L)");
    return Conv.conv1d(x, weight(), biasOrNull(), options());
  }

  public int kernel() {
    return kernel;
  }
}
