package dev.chainrule.autodiff.ops.conv;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.kernel.Im2colGeometry;

/**
 * Where a 2-D convolution window goes: a kernel of {@code kernelH x kernelW} taps spaced {@code dilation}
 * apart, moved {@code stride} at a time over an image padded with zeros by {@code padTop, padBottom, padLeft,
 * padRight} (unequal only for {@code "same"} with an even kernel). The grid of window positions over an image
 * of height {@code H} has PyTorch's size {@code floor((H + padTop + padBottom - dilationH (kernelH - 1) - 1) /
 * strideH) + 1} rows, and the same across.
 */
public record ConvWindow(int kernelH, int kernelW, int strideH, int strideW, int padTop, int padBottom,
    int padLeft, int padRight, int dilationH, int dilationW) {

  public ConvWindow {
    checkArgument(kernelH > 0 && kernelW > 0, "conv: kernel size must be positive, got (%s, %s)", kernelH, kernelW);
    checkArgument(strideH > 0 && strideW > 0, "conv: stride must be positive, got (%s, %s)", strideH, strideW);
    checkArgument(dilationH > 0 && dilationW > 0, "conv: dilation must be positive, got (%s, %s)", dilationH,
        dilationW);
    checkArgument(padTop >= 0 && padBottom >= 0 && padLeft >= 0 && padRight >= 0,
        "conv: padding must not be negative, got (%s, %s, %s, %s)", padTop, padBottom, padLeft, padRight);
  }

  /** A window with the same padding on both sides of each axis. */
  public static ConvWindow of(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
      int dilationH, int dilationW) {
    return new ConvWindow(kernelH, kernelW, strideH, strideW, padH, padH, padW, padW, dilationH, dilationW);
  }

  /** Grid rows over an image of {@code height} rows; zero or negative when the window does not fit. */
  public int gridH(int height) {
    return Math.floorDiv(height + padTop + padBottom - dilationH * (kernelH - 1) - 1, strideH) + 1;
  }

  /** Grid columns over an image of {@code width} columns; zero or negative when the window does not fit. */
  public int gridW(int width) {
    return Math.floorDiv(width + padLeft + padRight - dilationW * (kernelW - 1) - 1, strideW) + 1;
  }

  /** The kernel geometry of this window over {@code channels x height x width} images, on a given grid. */
  public Im2colGeometry geometry(int channels, int height, int width, int outH, int outW) {
    return new Im2colGeometry(channels, height, width, kernelH, kernelW, strideH, strideW, padTop, padLeft,
        dilationH, dilationW, outH, outW);
  }

  /** Whether the columns of an image are the image itself: a 1x1 kernel, stride 1, no padding. */
  public boolean isPointwise() {
    return kernelH == 1 && kernelW == 1 && strideH == 1 && strideW == 1 && padTop == 0 && padBottom == 0
        && padLeft == 0 && padRight == 0;
  }

  /** {@code kernel (3, 3), stride (1, 1), padding (1, 1), dilation (1, 1)}, as error messages name it. */
  @Override
  public String toString() {
    String padding = padTop == padBottom && padLeft == padRight ? "(" + padTop + ", " + padLeft + ")"
        : "(top " + padTop + ", bottom " + padBottom + ", left " + padLeft + ", right " + padRight + ")";
    return "kernel (" + kernelH + ", " + kernelW + "), stride (" + strideH + ", " + strideW + "), padding "
        + padding + ", dilation (" + dilationH + ", " + dilationW + ")";
  }
}
