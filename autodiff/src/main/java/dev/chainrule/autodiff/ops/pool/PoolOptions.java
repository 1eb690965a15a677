package dev.chainrule.autodiff.ops.pool;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The options of a pooling op, immutable, read like PyTorch's arguments:
 * {@code PoolOptions.kernel(3).stride(2).padding(1).ceilMode(true)}. Each spatial option is a pair
 * {@code (height, width)}; the one-argument forms set both, and the 1-D ops take options whose pairs are square
 * (one size). Defaults as in PyTorch: stride = kernel, padding 0, dilation 1, ceil mode off, padding counted in
 * the average ({@code countIncludePad}). Values are checked by the op that uses them, which names itself and
 * the input shape.
 *
 * @param kernelH kernel height
 * @param kernelW kernel width
 * @param strideH vertical stride
 * @param strideW horizontal stride
 * @param padH implicit padding at the top and the bottom (at most half the kernel height)
 * @param padW implicit padding at the left and the right (at most half the kernel width)
 * @param dilationH spacing of the kernel's rows (max pooling only)
 * @param dilationW spacing of the kernel's columns (max pooling only)
 * @param ceilMode whether the output size rounds up (PyTorch's {@code ceil_mode})
 * @param countIncludePad whether an average divides by the window including padding
 */
public record PoolOptions(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW, int dilationH,
    int dilationW, boolean ceilMode, boolean countIncludePad) {

  /** A square kernel with PyTorch's defaults for everything else. */
  public static PoolOptions kernel(int size) {
    return kernel(size, size);
  }

  /** A {@code height x width} kernel with PyTorch's defaults for everything else. */
  public static PoolOptions kernel(int height, int width) {
    return new PoolOptions(height, width, height, width, 0, 0, 1, 1, false, true);
  }

  /** These options with the stride {@code step} along both axes. */
  public PoolOptions stride(int step) {
    return stride(step, step);
  }

  public PoolOptions stride(int height, int width) {
    return new PoolOptions(kernelH, kernelW, height, width, padH, padW, dilationH, dilationW, ceilMode,
        countIncludePad);
  }

  /** These options with {@code size} implicit padding on every side. */
  public PoolOptions padding(int size) {
    return padding(size, size);
  }

  public PoolOptions padding(int height, int width) {
    return new PoolOptions(kernelH, kernelW, strideH, strideW, height, width, dilationH, dilationW, ceilMode,
        countIncludePad);
  }

  public PoolOptions dilation(int spacing) {
    return dilation(spacing, spacing);
  }

  public PoolOptions dilation(int height, int width) {
    return new PoolOptions(kernelH, kernelW, strideH, strideW, padH, padW, height, width, ceilMode,
        countIncludePad);
  }

  public PoolOptions ceilMode(boolean on) {
    return new PoolOptions(kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, on,
        countIncludePad);
  }

  public PoolOptions countIncludePad(boolean on) {
    return new PoolOptions(kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, ceilMode, on);
  }

  /** The options of a 1-D op: every pair must be one size; refused naming {@code op} otherwise. */
  void checkSquare(String op) {
    checkArgument(kernelH == kernelW && strideH == strideW && padH == padW && dilationH == dilationW,
        "%s: options with %s are two-dimensional; a 1-D pool takes one kernel, stride, padding and dilation", op,
        describe(false, true));
  }

  /** PyTorch-like: {@code kernel (2, 2), stride (2, 2), padding (0, 0), dilation (1, 1), ceil mode off}. */
  String describe(boolean oneD, boolean withDilation) {
    return "kernel " + pair(oneD, kernelH, kernelW) + ", stride " + pair(oneD, strideH, strideW) + ", padding "
        + pair(oneD, padH, padW) + (withDilation ? ", dilation " + pair(oneD, dilationH, dilationW) : "")
        + ", ceil mode " + (ceilMode ? "on" : "off");
  }

  private static String pair(boolean oneD, int h, int w) {
    return oneD ? Integer.toString(w) : "(" + h + ", " + w + ")";
  }
}
