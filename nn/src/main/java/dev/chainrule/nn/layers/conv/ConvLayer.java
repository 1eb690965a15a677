package dev.chainrule.nn.layers.conv;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.ops.conv.ConvOptions;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.init.Init;
import java.util.Arrays;

/**
 * What the convolution layers share: the {@code weight} and optional {@code bias} parameters, named and shaped
 * as in PyTorch so state dicts carry over, and PyTorch's default initialisation, Kaiming-uniform with
 * {@code a = sqrt(5)}: weight and bias uniform in {@code [-1/sqrt(fanIn), 1/sqrt(fanIn))}, where {@code fanIn}
 * is the weight's dimension 1 times its kernel size (PyTorch's {@code _calculate_fan_in_and_fan_out}). Drawn
 * weight first, then bias, from the caller's {@link Rng}.
 */
abstract class ConvLayer extends Module {
  private final String name;
  private final int inChannels;
  private final int outChannels;
  private final int[] kernel;
  private final ConvOptions options;
  private final boolean hasBias;

  /**
   * @param weightShape the weight's shape, {@code (F, C/groups, K...)} or for a transposed layer
   *     {@code (C_in, C_out/groups, K...)}
   */
  ConvLayer(String name, int inChannels, int outChannels, int[] kernel, ConvOptions options, boolean bias,
      int[] weightShape, Rng rng) {
    checkNotNull(options, "%s: options must not be null", name);
    checkNotNull(rng, "%s: rng must not be null", name);
    checkArgument(inChannels > 0 && outChannels > 0, "%s: channels must be positive, got in %s, out %s", name,
        inChannels, outChannels);
    for (int k : kernel) {
      checkArgument(k > 0, "%s: kernel size must be positive, got %s", name, Arrays.toString(kernel));
    }
    int groups = options.groups();
    checkArgument(inChannels % groups == 0 && outChannels % groups == 0, "%s: in_channels %s and out_channels %s"
        + " must both be divisible by groups %s", name, inChannels, outChannels, groups);
    this.name = name;
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernel = kernel.clone();
    this.options = options;
    this.hasBias = bias;
    int fanIn = weightShape[1];
    for (int i = 2; i < weightShape.length; i++) {
      fanIn *= weightShape[i];
    }
    double bound = 1 / Math.sqrt(fanIn);
    registerParameter("weight", Init.uniform(Tensor.zeros(weightShape), -bound, bound, rng));
    if (bias) {
      registerParameter("bias", Init.uniform(Tensor.zeros(outChannels), -bound, bound, rng));
    }
  }

  /** The weight. */
  public final Tensor weight() {
    return parameter("weight");
  }

  /** The bias {@code (out_channels,)}; throws when built without one. */
  public final Tensor bias() {
    return parameter("bias");
  }

  /** The bias, or {@code null} when built without one: what the conv functions take. */
  final Tensor biasOrNull() {
    return hasBias ? bias() : null;
  }

  public final int inChannels() {
    return inChannels;
  }

  public final int outChannels() {
    return outChannels;
  }

  public final ConvOptions options() {
    return options;
  }

  /** The input's channel axis holds {@code in_channels}; {@code rank} is the input's rank, batch included. */
  final void checkInput(Tensor x, int rank, String layout) {
    checkArgument(x.rank() == rank, "%s: input must be %s-D %s, got shape %s", name, rank, layout, x.shape());
    checkArgument(x.shape().dim(1) == inChannels, "%s: input of shape %s has %s channels in axis 1, expected"
        + " in_channels=%s", name, x.shape(), x.shape().dim(1), inChannels);
  }

  /** PyTorch's repr: {@code 1, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1)}. */
  @Override
  protected final String extraRepr() {
    StringBuilder s = new StringBuilder().append(inChannels).append(", ").append(outChannels)
        .append(", kernel_size=").append(tuple(kernel[0], kernel.length > 1 ? kernel[1] : -1));
    boolean oneD = kernel.length == 1;
    s.append(", stride=").append(tuple(options.strideH(), oneD ? -1 : options.strideW()));
    if (options.isSame()) {
      s.append(", padding=same");
    } else if (options.padH() != 0 || options.padW() != 0) {
      s.append(", padding=").append(tuple(options.padH(), oneD ? -1 : options.padW()));
    }
    if (options.outputPadH() != 0 || options.outputPadW() != 0) {
      s.append(", output_padding=").append(tuple(options.outputPadH(), oneD ? -1 : options.outputPadW()));
    }
    if (options.dilationH() != 1 || options.dilationW() != 1) {
      s.append(", dilation=").append(tuple(options.dilationH(), oneD ? -1 : options.dilationW()));
    }
    if (options.groups() != 1) {
      s.append(", groups=").append(options.groups());
    }
    return hasBias ? s.toString() : s.append(", bias=False").toString();
  }

  /** {@code (a, b)}, or PyTorch's one-tuple {@code (a,)} when {@code b < 0}. */
  private static String tuple(int a, int b) {
    return b < 0 ? "(" + a + ",)" : "(" + a + ", " + b + ")";
  }
}
