package dev.chainrule.autodiff.ops.conv;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.ops.Compute;

/** Shape rules and caller-error messages shared by the convolution ops. Records nothing. */
final class ConvShapes {
  private ConvShapes() {}

  /** {@code t} is 4-D; {@code layout} names its axes in the message, e.g. {@code "(N, C, H, W)"}. */
  static void checkRank4(String op, String what, Tensor t, String layout) {
    checkArgument(t.rank() == 4, "%s: %s must be 4-D %s, got shape %s", op, what, layout, t.shape());
  }

  /**
   * The grid {@code {rows, columns}} of {@code window} over the image axes of {@code input}.
   *
   * @throws IllegalArgumentException naming the op, the input shape and the window when the grid is empty
   */
  static int[] grid(String op, Shape input, ConvWindow window) {
    int h = input.dim(2);
    int w = input.dim(3);
    int gh = window.gridH(h);
    int gw = window.gridW(w);
    checkArgument(gh > 0 && gw > 0, "%s: input of shape %s with %s gives an empty output of %s x %s: the"
        + " dilated kernel (%s, %s) is larger than the padded input (%s, %s)", op, input, window, gh, gw,
        window.dilationH() * (window.kernelH() - 1) + 1, window.dilationW() * (window.kernelW() - 1) + 1,
        h + window.padTop() + window.padBottom(), w + window.padLeft() + window.padRight());
    return new int[] {gh, gw};
  }

  /** {@code channels} splits into {@code groups}; {@code what} names the channels in the message. */
  static void checkGroups(String op, String what, int channels, int groups, Shape shape) {
    checkArgument(channels % groups == 0, "%s: %s %s of shape %s are not divisible by groups %s", op, what, channels,
        shape, groups);
  }

  /** The bias, when given, is 1-D with one value per output channel. */
  static void checkBias(String op, Tensor[] in, int channels) {
    if (in.length > 2) {
      checkArgument(in[2].rank() == 1 && in[2].shape().dim(0) == channels, "%s: bias of shape %s must be (%s,),"
          + " one value per output channel", op, in[2].shape(), channels);
    }
    checkArgument(in.length == 2 || in.length == 3, "%s: takes input, weight and an optional bias, got %s tensors",
        op, in.length);
  }

  /** The inputs in their common type (PyTorch's promotion), converted without recording. */
  static Tensor[] promoted(Tensor[] in) {
    DType dtype = in[0].dtype();
    for (Tensor t : in) {
      dtype = DType.promote(dtype, t.dtype());
    }
    Tensor[] out = in.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] = out[i].dtype() == dtype ? out[i] : Compute.convert(out[i], dtype);
    }
    return out;
  }
}
