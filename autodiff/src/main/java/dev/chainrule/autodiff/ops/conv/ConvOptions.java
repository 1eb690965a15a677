package dev.chainrule.autodiff.ops.conv;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The options of a convolution, as PyTorch's keyword arguments: stride, padding (a number per axis, or
 * {@code "same"}), dilation, groups, and for a transposed convolution its output padding. Immutable; each
 * {@code with}-style method returns a changed copy, so {@code ConvOptions.defaults().stride(2).padding(1)}
 * reads like {@code stride=2, padding=1}. Defaults: stride 1, padding 0, dilation 1, groups 1, output padding 0.
 * A single number applies to both axes (height, width); conv1d reads the width component.
 */
public final class ConvOptions {
  private static final ConvOptions DEFAULTS = new ConvOptions(1, 1, 0, 0, false, 1, 1, 1, 0, 0);

  private final int strideH;
  private final int strideW;
  private final int padH;
  private final int padW;
  private final boolean same;
  private final int dilationH;
  private final int dilationW;
  private final int groups;
  private final int outputPadH;
  private final int outputPadW;

  private ConvOptions(int strideH, int strideW, int padH, int padW, boolean same, int dilationH, int dilationW,
      int groups, int outputPadH, int outputPadW) {
    checkArgument(strideH > 0 && strideW > 0, "conv: stride must be positive, got (%s, %s)", strideH, strideW);
    checkArgument(padH >= 0 && padW >= 0, "conv: padding must not be negative, got (%s, %s)", padH, padW);
    checkArgument(dilationH > 0 && dilationW > 0, "conv: dilation must be positive, got (%s, %s)", dilationH,
        dilationW);
    checkArgument(groups > 0, "conv: groups must be positive, got %s", groups);
    checkArgument(outputPadH >= 0 && outputPadW >= 0, "conv: output padding must not be negative, got (%s, %s)",
        outputPadH, outputPadW);
    this.strideH = strideH;
    this.strideW = strideW;
    this.padH = padH;
    this.padW = padW;
    this.same = same;
    this.dilationH = dilationH;
    this.dilationW = dilationW;
    this.groups = groups;
    this.outputPadH = outputPadH;
    this.outputPadW = outputPadW;
  }

  /** Stride 1, padding 0, dilation 1, groups 1. */
  public static ConvOptions defaults() {
    return DEFAULTS;
  }

  public ConvOptions stride(int s) {
    return stride(s, s);
  }

  public ConvOptions stride(int sh, int sw) {
    return new ConvOptions(sh, sw, padH, padW, same, dilationH, dilationW, groups, outputPadH, outputPadW);
  }

  public ConvOptions padding(int p) {
    return padding(p, p);
  }

  public ConvOptions padding(int ph, int pw) {
    return new ConvOptions(strideH, strideW, ph, pw, false, dilationH, dilationW, groups, outputPadH, outputPadW);
  }

  /**
   * PyTorch's {@code padding="same"}: the output has the input's size, for stride 1 only. Each axis is padded by
   * {@code dilation * (kernel - 1)} in total, half of it (rounded down) before and the rest after, so an even
   * kernel puts the extra row at the bottom and the extra column on the right, as PyTorch does.
   */
  public ConvOptions paddingSame() {
    return new ConvOptions(strideH, strideW, 0, 0, true, dilationH, dilationW, groups, outputPadH, outputPadW);
  }

  public ConvOptions dilation(int d) {
    return dilation(d, d);
  }

  public ConvOptions dilation(int dh, int dw) {
    return new ConvOptions(strideH, strideW, padH, padW, same, dh, dw, groups, outputPadH, outputPadW);
  }

  /** Channels split into {@code g} independent groups; {@code g = C} is a depthwise convolution. */
  public ConvOptions groups(int g) {
    return new ConvOptions(strideH, strideW, padH, padW, same, dilationH, dilationW, g, outputPadH, outputPadW);
  }

  /** Extra rows and columns at the bottom and right of a transposed convolution's output. */
  public ConvOptions outputPadding(int p) {
    return outputPadding(p, p);
  }

  public ConvOptions outputPadding(int ph, int pw) {
    return new ConvOptions(strideH, strideW, padH, padW, same, dilationH, dilationW, groups, ph, pw);
  }

  public int strideH() {
    return strideH;
  }

  public int strideW() {
    return strideW;
  }

  public int padH() {
    return padH;
  }

  public int padW() {
    return padW;
  }

  /** Whether the padding is {@code "same"}. */
  public boolean isSame() {
    return same;
  }

  public int dilationH() {
    return dilationH;
  }

  public int dilationW() {
    return dilationW;
  }

  public int groups() {
    return groups;
  }

  public int outputPadH() {
    return outputPadH;
  }

  public int outputPadW() {
    return outputPadW;
  }

  /**
   * The window of a {@code kernelH x kernelW} kernel with these options, "same" resolved; {@code op} names the
   * operation in errors.
   *
   * @throws IllegalArgumentException for "same" with a stride other than 1 (PyTorch refuses it too)
   */
  public ConvWindow window(String op, int kernelH, int kernelW) {
    if (!same) {
      return ConvWindow.of(kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW);
    }
    checkArgument(strideH == 1 && strideW == 1, "%s: padding \"same\" needs stride 1, got stride (%s, %s)", op,
        strideH, strideW);
    int totalH = dilationH * (kernelH - 1);
    int totalW = dilationW * (kernelW - 1);
    return new ConvWindow(kernelH, kernelW, 1, 1, totalH / 2, totalH - totalH / 2, totalW / 2,
        totalW - totalW / 2, dilationH, dilationW);
  }

  @Override
  public String toString() {
    return "stride=(" + strideH + ", " + strideW + "), padding=" + (same ? "same" : "(" + padH + ", " + padW + ")")
        + ", dilation=(" + dilationH + ", " + dilationW + "), groups=" + groups
        + (outputPadH != 0 || outputPadW != 0 ? ", output_padding=(" + outputPadH + ", " + outputPadW + ")" : "");
  }
}
