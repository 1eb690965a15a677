package dev.chainrule.autodiff.ops.conv;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.testing.Generators;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * One random convolution for the properties: batch 1-2, groups 1-2 with 1-2 input and output channels per
 * group, a kernel of 1-3 by 1-3, strides 1-3, paddings 0-2, dilations 1-2 (each axis drawn separately, so
 * non-square kernels, strides and inputs occur), an image just large enough for a grid of 1-3 by 1-3 positions
 * plus up to a stride's worth of leftover rows (which the floor in the output size drops), and a bias or none.
 */
record ConvCase(int batch, int groups, int channelsPerGroup, int filtersPerGroup, int kernelH, int kernelW,
    int strideH, int strideW, int padH, int padW, int dilationH, int dilationW, int height, int width,
    boolean bias, long seed) {

  static Arbitrary<ConvCase> cases() {
    return Arbitraries.longs().map(ConvCase::draw);
  }

  static ConvCase draw(long seed) {
    Random r = new Random(seed);
    int kh = 1 + r.nextInt(3);
    int kw = 1 + r.nextInt(3);
    int sh = 1 + r.nextInt(3);
    int sw = 1 + r.nextInt(3);
    int ph = r.nextInt(3);
    int pw = r.nextInt(3);
    int dh = 1 + r.nextInt(2);
    int dw = 1 + r.nextInt(2);
    int h = size(r, kh, sh, ph, dh);
    int w = size(r, kw, sw, pw, dw);
    return new ConvCase(1 + r.nextInt(2), 1 + r.nextInt(2), 1 + r.nextInt(2), 1 + r.nextInt(2), kh, kw, sh, sw, ph,
        pw, dh, dw, h, w, r.nextBoolean(), seed);
  }

  /** An input size whose grid has 1-3 positions, at least 1. */
  private static int size(Random r, int k, int s, int p, int d) {
    int grid = 1 + r.nextInt(3);
    int needed = (grid - 1) * s + d * (k - 1) + 1 - 2 * p + r.nextInt(s);
    return Math.max(1, needed);
  }

  int channels() {
    return groups * channelsPerGroup;
  }

  int filters() {
    return groups * filtersPerGroup;
  }

  ConvOptions options() {
    return ConvOptions.defaults().stride(strideH, strideW).padding(padH, padW).dilation(dilationH, dilationW)
        .groups(groups);
  }

  ConvWindow window() {
    return ConvWindow.of(kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW);
  }

  Tensor input(DType dtype) {
    return Generators.uniform(Shape.of(batch, channels(), height, width), seed, -2, 2).to(dtype);
  }

  /** A conv2d weight {@code (F, C/G, KH, KW)}. */
  Tensor weight(DType dtype) {
    return Generators.uniform(Shape.of(filters(), channelsPerGroup, kernelH, kernelW), seed + 1, -1, 1).to(dtype);
  }

  Tensor biasTensor(DType dtype) {
    return bias ? Generators.uniform(Shape.of(filters()), seed + 2, -1, 1).to(dtype) : null;
  }

  /** A bias {@code (F,)} whether or not this case has one. */
  Tensor withBias() {
    return Generators.uniform(Shape.of(filters()), seed + 2, -1, 1);
  }

  @Override
  public String toString() {
    return "x (" + batch + ", " + channels() + ", " + height + ", " + width + "), w (" + filters() + ", "
        + channelsPerGroup + ", " + kernelH + ", " + kernelW + "), " + options() + ", bias=" + bias;
  }
}
