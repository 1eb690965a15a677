package dev.chainrule.autodiff.kernel;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The geometry of one im2col / col2im: an image of {@code channels x height x width}, a window of
 * {@code kernelH x kernelW} taps spaced {@code dilation} apart, placed at {@code outH x outW} grid positions
 * {@code stride} apart, the first at {@code (-padTop, -padLeft)}. Grid position {@code (oh, ow)} and tap
 * {@code (i, j)} read image row {@code ih = oh * strideH - padTop + i * dilationH} and column
 * {@code iw = ow * strideW - padLeft + j * dilationW}; a position outside the image reads 0 (im2col) or is
 * dropped (col2im). The grid size is given rather than derived, so bottom and right padding are whatever the
 * grid implies: symmetric padding, PyTorch's asymmetric {@code "same"}, and a transposed convolution's output
 * padding all reach the kernel the same way.
 *
 * <p>The column matrix has {@link #rows()} {@code = channels * kernelH * kernelW} rows, row
 * {@code (c * kernelH + i) * kernelW + j}, and {@link #columns()} {@code = outH * outW} columns,
 * column {@code oh * outW + ow}: PyTorch's {@code unfold} layout.
 */
public record Im2colGeometry(int channels, int height, int width, int kernelH, int kernelW, int strideH,
    int strideW, int padTop, int padLeft, int dilationH, int dilationW, int outH, int outW) {

  public Im2colGeometry {
    checkArgument(channels >= 0 && height >= 0 && width >= 0 && outH >= 0 && outW >= 0,
        "im2col: negative size in image %s x %s x %s or grid %s x %s", channels, height, width, outH, outW);
    checkArgument(kernelH > 0 && kernelW > 0 && strideH > 0 && strideW > 0 && dilationH > 0 && dilationW > 0,
        "im2col: kernel %s x %s, stride %s x %s and dilation %s x %s must be positive", kernelH, kernelW, strideH,
        strideW, dilationH, dilationW);
    checkArgument(padTop >= 0 && padLeft >= 0, "im2col: negative padding %s, %s", padTop, padLeft);
  }

  /** Rows of the column matrix: {@code channels * kernelH * kernelW}. */
  public int rows() {
    return Math.multiplyExact(channels, kernelH * kernelW);
  }

  /** Columns of the column matrix: {@code outH * outW}. */
  public int columns() {
    return Math.multiplyExact(outH, outW);
  }

  /** Elements of one image: {@code channels * height * width}. */
  public int imageSize() {
    return Math.multiplyExact(channels, Math.multiplyExact(height, width));
  }

  /** The first grid column {@code ow} whose tap {@code j} lands inside the image (may exceed outW). */
  int firstColumn(int j) {
    int offset = padLeft - j * dilationW;
    return offset <= 0 ? 0 : (offset + strideW - 1) / strideW;
  }

  /** One past the last grid column whose tap {@code j} lands inside the image, at most {@code outW}. */
  int endColumn(int j) {
    int last = width - 1 + padLeft - j * dilationW;
    return last < 0 ? 0 : Math.min(outW, last / strideW + 1);
  }
}
