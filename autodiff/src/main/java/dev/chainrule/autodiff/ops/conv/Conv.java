package dev.chainrule.autodiff.ops.conv;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Tensor;

/**
 * The convolution functions, like {@code torch.nn.functional}: {@code conv1d}, {@code conv2d},
 * {@code convTranspose2d}, {@code unfold} and {@code fold}, each with PyTorch's layouts (NCHW, NCL), weight
 * shapes and output-size rules, and its options in a {@link ConvOptions}:
 *
 * <pre>{@code
 * Tensor y = Conv.conv2d(x, w, b, ConvOptions.defaults().stride(2).padding(1));
 * Tensor z = Conv.convTranspose2d(y, w2, null, ConvOptions.defaults().stride(2).padding(1).outputPadding(1));
 * }</pre>
 *
 * A {@code null} bias means none. Every function is differentiable to any order.
 */
public final class Conv {
  private Conv() {}

  /**
   * 2-D convolution of {@code x (N, C, H, W)} with {@code w (F, C/groups, KH, KW)} plus an optional bias
   * {@code (F,)}; output {@code (N, F, floor((H + 2 pH - dH (KH - 1) - 1) / sH) + 1, ...)}, or the input's size
   * for {@code "same"} padding.
   *
   * @throws IllegalArgumentException for a bad rank, a channel or group mismatch, an output padding (that belongs
   *     to a transposed convolution), "same" with a stride, or an empty output
   */
  public static Tensor conv2d(Tensor x, Tensor w, Tensor bias, ConvOptions options) {
    checkNotNull(x, "conv2d: input is null");
    checkNotNull(w, "conv2d: weight is null");
    checkArgument(options.outputPadH() == 0 && options.outputPadW() == 0, "conv2d: output padding (%s, %s) is an"
        + " option of convTranspose2d only", options.outputPadH(), options.outputPadW());
    ConvShapes.checkRank4("conv2d", "weight", w, "(F, C/groups, KH, KW)");
    ConvWindow window = options.window("conv2d", w.shape().dim(2), w.shape().dim(3));
    Conv2d op = new Conv2d(window, options.groups());
    return bias == null ? op.apply(x, w) : op.apply(x, w, bias);
  }

  /** {@link #conv2d(Tensor, Tensor, Tensor, ConvOptions)} without a bias. */
  public static Tensor conv2d(Tensor x, Tensor w, ConvOptions options) {
    return conv2d(x, w, null, options);
  }

  /**
   * 1-D convolution of {@code x (N, C, L)} with {@code w (F, C/groups, K)} plus an optional bias {@code (F,)},
   * output {@code (N, F, floor((L + 2 p - d (K - 1) - 1) / s) + 1)}. It is {@link #conv2d} on a view of height 1
   * (the height axis has kernel 1, stride 1, no padding), so it shares its kernels and gradients. The options
   * must be given as single numbers (one axis).
   */
  public static Tensor conv1d(Tensor x, Tensor w, Tensor bias, ConvOptions options) {
    checkArgument(x.rank() == 3, "conv1d: input must be 3-D (N, C, L), got shape %s", x.shape());
    checkArgument(w.rank() == 3, "conv1d: weight must be 3-D (F, C/groups, K), got shape %s", w.shape());
    checkArgument(options.strideH() == options.strideW() && options.padH() == options.padW()
        && options.dilationH() == options.dilationW(), "conv1d: options %s must be single numbers, not pairs",
        options);
    ConvOptions height1 = options.isSame() ? ConvOptions.defaults().stride(1, options.strideW())
        .dilation(1, options.dilationW()).groups(options.groups()).paddingSame()
        : ConvOptions.defaults().stride(1, options.strideW()).padding(0, options.padW())
            .dilation(1, options.dilationW()).groups(options.groups());
    Tensor x4 = x.reshape(x.shape().dim(0), x.shape().dim(1), 1, x.shape().dim(2));
    Tensor w4 = w.reshape(w.shape().dim(0), w.shape().dim(1), 1, w.shape().dim(2));
    Tensor y;
    try {
      y = conv2d(x4, w4, bias, height1);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("conv1d: input of shape " + x.shape() + ", weight of shape " + w.shape()
          + ", " + options + ": " + e.getMessage(), e);
    }
    return y.reshape(y.shape().dim(0), y.shape().dim(1), y.shape().dim(3));
  }

  /** {@link #conv1d(Tensor, Tensor, Tensor, ConvOptions)} without a bias. */
  public static Tensor conv1d(Tensor x, Tensor w, ConvOptions options) {
    return conv1d(x, w, null, options);
  }

  /**
   * 2-D transposed convolution of {@code x (N, C_in, H, W)} with {@code w (C_in, C_out/groups, KH, KW)} plus
   * an optional bias {@code (C_out,)}; output height {@code (H - 1) sH - 2 pH + dH (KH - 1) + opH + 1} (and the
   * same across), PyTorch's rule, with output padding {@code opH} smaller than the stride or the dilation.
   *
   * @throws IllegalArgumentException for a bad rank, a channel or group mismatch, "same" padding, an output
   *     padding too large, or an empty output
   */
  public static Tensor convTranspose2d(Tensor x, Tensor w, Tensor bias, ConvOptions options) {
    checkNotNull(x, "convTranspose2d: input is null");
    checkNotNull(w, "convTranspose2d: weight is null");
    checkArgument(!options.isSame(), "convTranspose2d: padding \"same\" is not supported (as in PyTorch)");
    ConvShapes.checkRank4("convTranspose2d", "input", x, "(N, C_in, H, W)");
    ConvShapes.checkRank4("convTranspose2d", "weight", w, "(C_in, C_out/groups, KH, KW)");
    ConvWindow window = options.window("convTranspose2d", w.shape().dim(2), w.shape().dim(3));
    int opH = options.outputPadH();
    int opW = options.outputPadW();
    checkArgument((opH < window.strideH() || opH < window.dilationH())
        && (opW < window.strideW() || opW < window.dilationW()), "convTranspose2d: output padding (%s, %s) must be"
        + " smaller than either stride (%s, %s) or dilation (%s, %s)", opH, opW, window.strideH(), window.strideW(),
        window.dilationH(), window.dilationW());
    int outH = (x.shape().dim(2) - 1) * window.strideH() - window.padTop() - window.padBottom()
        + window.dilationH() * (window.kernelH() - 1) + opH + 1;
    int outW = (x.shape().dim(3) - 1) * window.strideW() - window.padLeft() - window.padRight()
        + window.dilationW() * (window.kernelW() - 1) + opW + 1;
    checkArgument(outH > 0 && outW > 0, "convTranspose2d: input of shape %s with %s and output padding (%s, %s)"
        + " gives an empty output of %s x %s", x.shape(), window, opH, opW, outH, outW);
    ConvTranspose2d op = new ConvTranspose2d(window, options.groups(), outH, outW);
    return bias == null ? op.apply(x, w) : op.apply(x, w, bias);
  }

  /** {@link #convTranspose2d(Tensor, Tensor, Tensor, ConvOptions)} without a bias. */
  public static Tensor convTranspose2d(Tensor x, Tensor w, ConvOptions options) {
    return convTranspose2d(x, w, null, options);
  }

  /**
   * PyTorch's {@code unfold} (im2col): {@code x (N, C, H, W)} to {@code (N, C KH KW, L)}, one column per
   * position of a {@code KH x KW} window moved with the options' stride, padding and dilation.
   */
  public static Tensor unfold(Tensor x, int kernelH, int kernelW, ConvOptions options) {
    checkPlainWindow("unfold", options);
    return new Unfold(options.window("unfold", kernelH, kernelW)).apply(x);
  }

  /**
   * PyTorch's {@code fold} (col2im), the adjoint of {@link #unfold}: {@code x (N, C KH KW, L)} to
   * {@code (N, C, outH, outW)}, overlapping windows summed.
   */
  public static Tensor fold(Tensor x, int outH, int outW, int kernelH, int kernelW, ConvOptions options) {
    checkPlainWindow("fold", options);
    return new Fold(options.window("fold", kernelH, kernelW), outH, outW).apply(x);
  }

  private static void checkPlainWindow(String op, ConvOptions options) {
    checkArgument(!options.isSame() && options.groups() == 1 && options.outputPadH() == 0
        && options.outputPadW() == 0, "%s: takes stride, padding and dilation only, got %s", op, options);
  }
}
