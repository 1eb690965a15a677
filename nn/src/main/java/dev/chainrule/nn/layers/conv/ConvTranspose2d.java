package dev.chainrule.nn.layers.conv;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.ops.conv.Conv;
import dev.chainrule.autodiff.ops.conv.ConvOptions;

/**
 * A 2-D transposed convolution layer, PyTorch's {@code nn.ConvTranspose2d}: input {@code (N, in, H, W)}, output
 * height {@code (H - 1) s - 2p + d (kh - 1) + output_padding + 1} (see {@link Conv#convTranspose2d}),
 * {@code weight (in, out/groups, kh, kw)} (PyTorch's layout, transposed against Conv2d's), {@code bias (out,)}.
 * Initialisation as PyTorch's, whose fan-in is the weight's dimension 1 times the kernel size, here
 * {@code out/groups * kh * kw} (see {@link ConvLayer}).
 */
public final class ConvTranspose2d extends ConvLayer {
  /** A square kernel, stride 1, no padding, with a bias. */
  public ConvTranspose2d(int inChannels, int outChannels, int kernel, Rng rng) {
    this(inChannels, outChannels, kernel, kernel, ConvOptions.defaults(), true, rng);
  }

  /** A square kernel with these options (stride, padding, output padding, dilation, groups), with a bias. */
  public ConvTranspose2d(int inChannels, int outChannels, int kernel, ConvOptions options, Rng rng) {
    this(inChannels, outChannels, kernel, kernel, options, true, rng);
  }

  public ConvTranspose2d(int inChannels, int outChannels, int kernelH, int kernelW, ConvOptions options,
      boolean bias, Rng rng) {
    super("ConvTranspose2d", inChannels, outChannels, new int[] {kernelH, kernelW}, options, bias,
        new int[] {inChannels, outChannels / Math.max(1, options.groups()), kernelH, kernelW}, rng);
  }

  @Override
  public Tensor forward(Tensor x) {
    checkInput(x, 4, "(N, C, H, W)");
    return Conv.convTranspose2d(x, weight(), biasOrNull(), options());
  }
}
