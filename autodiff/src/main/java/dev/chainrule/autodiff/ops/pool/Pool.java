package dev.chainrule.autodiff.ops.pool;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;

/**
 * Pooling, as PyTorch's {@code torch.nn.functional}: {@code Pool.maxPool2d(x, PoolOptions.kernel(2))}. The 2-D
 * ops take {@code (N, C, H, W)} or {@code (C, H, W)}, the 1-D ops {@code (N, C, L)} or {@code (C, L)} (run as
 * 2-D over a height of 1). Output sizes follow PyTorch exactly, per spatial axis of size {@code n}:
 * {@code floor((n + 2p - d(k-1) - 1 + (ceil ? s-1 : 0)) / s) + 1}, less one in ceil mode when the last window
 * would start past the input and its left padding.
 *
 * <p>Refused, naming the op, the input shape and the options: a kernel, stride or dilation below 1, negative
 * padding, padding over half the kernel (PyTorch's rule), an empty non-batch axis, and options that give an
 * empty output. The adaptive ops take any input size to a fixed output.
 */
public final class Pool {
  private Pool() {}

  /** {@code F.max_pool2d(x, kernel)}: stride = kernel, no padding. */
  public static Tensor maxPool2d(Tensor x, int kernel) {
    return maxPool2d(x, PoolOptions.kernel(kernel));
  }

  /** {@code F.max_pool2d}: the maximum of each window; padding counts as {@code -inf}; ties to the first. */
  public static Tensor maxPool2d(Tensor x, PoolOptions o) {
    int[] out = outputSize("maxPool2d", x.shape(), o, false, true);
    Shape s = x.shape();
    return new WindowMax(Windows.sliding(s.dim(-2), out[0], o.kernelH(), o.strideH(), o.padH(), o.dilationH()),
        Windows.sliding(s.dim(-1), out[1], o.kernelW(), o.strideW(), o.padW(), o.dilationW())).apply(x);
  }

  public static Tensor maxPool1d(Tensor x, int kernel) {
    return maxPool1d(x, PoolOptions.kernel(kernel));
  }

  /** {@code F.max_pool1d}, over the last axis; {@code o} is square ({@code PoolOptions.kernel(k)...}). */
  public static Tensor maxPool1d(Tensor x, PoolOptions o) {
    int[] out = outputSize("maxPool1d", x.shape(), o, true, true);
    Windows cols = Windows.sliding(x.shape().dim(-1), out[1], o.kernelW(), o.strideW(), o.padW(), o.dilationW());
    return new WindowMax(Windows.unit(), cols).apply(x.unsqueeze(-2)).squeeze(-2);
  }

  public static Tensor avgPool2d(Tensor x, int kernel) {
    return avgPool2d(x, PoolOptions.kernel(kernel));
  }

  /**
   * {@code F.avg_pool2d}: the mean of each window, divided by the window's size clipped to the padded input
   * ({@code countIncludePad}, the default) or by the count of input elements in it.
   */
  public static Tensor avgPool2d(Tensor x, PoolOptions o) {
    int[] out = outputSize("avgPool2d", x.shape(), o, false, false);
    Shape s = x.shape();
    boolean include = o.countIncludePad();
    return new WindowMean(Windows.averaging(s.dim(-2), out[0], o.kernelH(), o.strideH(), o.padH(), include),
        Windows.averaging(s.dim(-1), out[1], o.kernelW(), o.strideW(), o.padW(), include)).apply(x);
  }

  public static Tensor avgPool1d(Tensor x, int kernel) {
    return avgPool1d(x, PoolOptions.kernel(kernel));
  }

  /** {@code F.avg_pool1d}, over the last axis; {@code o} is square. */
  public static Tensor avgPool1d(Tensor x, PoolOptions o) {
    int[] out = outputSize("avgPool1d", x.shape(), o, true, false);
    Windows cols = Windows.averaging(x.shape().dim(-1), out[1], o.kernelW(), o.strideW(), o.padW(),
        o.countIncludePad());
    return new WindowMean(Windows.unit(), cols).apply(x.unsqueeze(-2)).squeeze(-2);
  }

  /** {@code F.adaptive_avg_pool2d(x, size)}: a square output; {@code size} 1 is global average pooling. */
  public static Tensor adaptiveAvgPool2d(Tensor x, int size) {
    return adaptiveAvgPool2d(x, size, size);
  }

  /**
   * {@code F.adaptive_avg_pool2d(x, (oh, ow))}: output row {@code i} averages input rows
   * {@code [floor(i*H/oh), ceil((i+1)*H/oh))}, likewise for columns.
   */
  public static Tensor adaptiveAvgPool2d(Tensor x, int oh, int ow) {
    Shape s = x.shape();
    checkAdaptive("adaptiveAvgPool2d", s, false, oh, ow);
    return new WindowMean(Windows.adaptive(s.dim(-2), oh), Windows.adaptive(s.dim(-1), ow)).apply(x);
  }

  /**
   * {@code F.adaptive_avg_pool1d(x, size)}: output {@code i} averages {@code [floor(i*L/size), ceil((i+1)*L/size))}.
   */
  public static Tensor adaptiveAvgPool1d(Tensor x, int size) {
    Shape s = x.shape();
    checkAdaptive("adaptiveAvgPool1d", s, true, 1, size);
    return new WindowMean(Windows.unit(), Windows.adaptive(s.dim(-1), size)).apply(x.unsqueeze(-2)).squeeze(-2);
  }

  /** {@code F.adaptive_max_pool2d(x, size)}: a square output. */
  public static Tensor adaptiveMaxPool2d(Tensor x, int size) {
    return adaptiveMaxPool2d(x, size, size);
  }

  /**
   * {@code F.adaptive_max_pool2d(x, (oh, ow))}: the maximum over the windows of {@link #adaptiveAvgPool2d}, with
   * max pooling's tie and NaN rules.
   */
  public static Tensor adaptiveMaxPool2d(Tensor x, int oh, int ow) {
    Shape s = x.shape();
    checkAdaptive("adaptiveMaxPool2d", s, false, oh, ow);
    return new WindowMax(Windows.adaptive(s.dim(-2), oh), Windows.adaptive(s.dim(-1), ow)).apply(x);
  }

  /** {@code F.adaptive_max_pool1d(x, size)}. */
  public static Tensor adaptiveMaxPool1d(Tensor x, int size) {
    Shape s = x.shape();
    checkAdaptive("adaptiveMaxPool1d", s, true, 1, size);
    return new WindowMax(Windows.unit(), Windows.adaptive(s.dim(-1), size)).apply(x.unsqueeze(-2)).squeeze(-2);
  }

  private static void checkAdaptive(String op, Shape s, boolean oneD, int oh, int ow) {
    checkInput(op, s, oneD);
    checkArgument(oh >= 1 && ow >= 1, "%s: output size %s for input of shape %s must be positive", op,
        oneD ? Integer.toString(ow) : "(" + oh + ", " + ow + ")", s);
  }

  /** Checks the input's rank and its non-batch axes (PyTorch refuses an empty one). */
  private static void checkInput(String op, Shape s, boolean oneD) {
    int rank = oneD ? 2 : 3;
    checkArgument(s.rank() == rank || s.rank() == rank + 1, "%s: input of shape %s must be %s or %s", op, s,
        oneD ? "(N, C, L)" : "(N, C, H, W)", oneD ? "(C, L)" : "(C, H, W)");
    for (int d = s.rank() - rank; d < s.rank(); d++) {
      checkArgument(s.dim(d) > 0, "%s: input of shape %s has an empty axis %s (only the batch may be empty)", op,
          s, d);
    }
  }

  /**
   * The output size {@code (oh, ow)} ({@code oh = 1} for 1-D), after every check that PyTorch makes; the
   * message of a refusal names {@code op}, the input shape and all the options.
   */
  private static int[] outputSize(String op, Shape s, PoolOptions o, boolean oneD, boolean dilated) {
    checkInput(op, s, oneD);
    if (oneD) {
      o.checkSquare(op);
    }
    String what = op + ": input of shape " + s + " with " + o.describe(oneD, dilated);
    checkArgument(o.kernelH() >= 1 && o.kernelW() >= 1 && o.strideH() >= 1 && o.strideW() >= 1, "%s: kernel"
        + " and stride must be at least 1", what);
    checkArgument(o.dilationH() >= 1 && o.dilationW() >= 1, "%s: dilation must be at least 1, got (%s, %s)", what,
        o.dilationH(), o.dilationW());
    checkArgument(dilated || o.dilationH() == 1 && o.dilationW() == 1, "%s: average pooling has no dilation,"
        + " got (%s, %s)", what, o.dilationH(), o.dilationW());
    checkArgument(o.padH() >= 0 && o.padW() >= 0, "%s: padding must not be negative", what);
    checkArgument(o.padH() <= o.kernelH() / 2 && o.padW() <= o.kernelW() / 2, "%s: padding must be at most half"
        + " the kernel size", what);
    int oh = oneD ? 1 : Windows.outputSize(s.dim(-2), o.kernelH(), o.strideH(), o.padH(), o.dilationH(),
        o.ceilMode());
    int ow = Windows.outputSize(s.dim(-1), o.kernelW(), o.strideW(), o.padW(), o.dilationW(), o.ceilMode());
    checkArgument(oh >= 1 && ow >= 1, "%s: the output would be empty, of size %s", what,
        oneD ? Integer.toString(ow) : "(" + oh + ", " + ow + ")");
    return new int[] {oh, ow};
  }
}
