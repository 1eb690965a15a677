package dev.chainrule.nn.layers.conv;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.ops.conv.Conv;
import dev.chainrule.autodiff.ops.conv.ConvOptions;

/**
 * A 2-D convolution layer, PyTorch's {@code nn.Conv2d}: input {@code (N, in, H, W)}, output
 * {@code (N, out, H', W')} with {@code H' = floor((H + 2p - d (kh - 1) - 1) / s) + 1} (see {@link Conv#conv2d}),
 * {@code weight (out, in/groups, kh, kw)}, {@code bias (out,)}. {@code new Conv2d(1, 16, 3, rng)} is
 * {@code nn.Conv2d(1, 16, 3)}; {@code new Conv2d(16, 32, 3, ConvOptions.defaults().padding(1), rng)} is
 * {@code nn.Conv2d(16, 32, 3, padding=1)}. Initialisation as PyTorch's (see {@link ConvLayer}).
 */
public final class Conv2d extends ConvLayer {
  private final int kernelH;
  private final int kernelW;

  /** A square kernel, stride 1, no padding, with a bias. */
  public Conv2d(int inChannels, int outChannels, int kernel, Rng rng) {
    this(inChannels, outChannels, kernel, kernel, ConvOptions.defaults(), true, rng);
  }

  /** A square kernel with these options, with a bias. */
  public Conv2d(int inChannels, int outChannels, int kernel, ConvOptions options, Rng rng) {
    this(inChannels, outChannels, kernel, kernel, options, true, rng);
  }

  public Conv2d(int inChannels, int outChannels, int kernelH, int kernelW, ConvOptions options, boolean bias,
      Rng rng) {
    super("Conv2d", inChannels, outChannels, new int[] {kernelH, kernelW}, options, bias,
        new int[] {outChannels, inChannels / Math.max(1, options.groups()), kernelH, kernelW}, rng);
    this.kernelH = kernelH;
    this.kernelW = kernelW;
  }

  @Override
  public Tensor forward(Tensor x) {
    checkInput(x, 4, "(N, C, H, W)");
    return Conv.conv2d(x, weight(), biasOrNull(), options());
  }

  public int kernelH() {
    return kernelH;
  }

  public int kernelW() {
    return kernelW;
  }
}
