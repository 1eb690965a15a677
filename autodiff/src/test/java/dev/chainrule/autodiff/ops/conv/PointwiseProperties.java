package dev.chainrule.autodiff.ops.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.testing.Generators;
import dev.chainrule.autodiff.testing.GradientProperty;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * 1x1 convolutions with stride 1 and no padding take the path without im2col (the image is its own column
 * matrix): rare among random {@link ConvCase}s, so proven here on their own, against the direct loops and
 * finite differences, to second order, with groups and a bias.
 */
class PointwiseProperties {

  @Property(tries = 40)
  @GradientProperty({Conv2d.class, ConvTranspose2d.class})
  void pointwiseConvolutionsMatchTheDirectLoopsAndFiniteDifferences(@ForAll @IntRange(min = 1, max = 3) int n,
      @ForAll @IntRange(min = 1, max = 2) int groups, @ForAll @IntRange(min = 1, max = 3) int cg,
      @ForAll @IntRange(min = 1, max = 3) int fg, @ForAll @IntRange(min = 1, max = 4) int h,
      @ForAll @IntRange(min = 1, max = 4) int w, @ForAll @IntRange(min = 1, max = 2) int dilation,
      @ForAll boolean float32, @ForAll long seed) {
    DType dtype = float32 ? DType.FLOAT32 : DType.FLOAT64;
    double tolerance = ConvProperties.tolerance(dtype);
    int c = groups * cg;
    int f = groups * fg;
    Tensor x = Generators.uniform(Shape.of(n, c, h, w), seed, -1, 1).to(dtype).requiresGrad();
    Tensor weight = Generators.uniform(Shape.of(f, cg, 1, 1), seed + 1, -1, 1).to(dtype).requiresGrad();
    Tensor bias = Generators.uniform(Shape.of(f), seed + 2, -1, 1).to(dtype).requiresGrad();
    ConvOptions options = ConvOptions.defaults().groups(groups).dilation(dilation);
    Tensor y = Conv.conv2d(x, weight, bias, options);
    assertArrayEquals(DirectConv.conv2d(x.toDoubleArray(), n, c, h, w, weight.toDoubleArray(), f, 1, 1,
        bias.toDoubleArray(), groups, 1, 1, 0, 0, 1, 1, h, w), y.toDoubleArray(), tolerance);
    GradCheck.gradGrad(in -> Conv.conv2d(in[0], in[1], in[2], options), x, weight, bias);

    // Transposed: weight (C_in = f, C_out/G = cg, 1, 1) maps the f channels back to c.
    Tensor yt = Conv.convTranspose2d(y.detach().requiresGrad(), weight, options);
    assertArrayEquals(DirectConv.convTranspose2d(y.toDoubleArray(), n, f, h, w, weight.toDoubleArray(), cg, 1, 1,
        null, groups, 1, 1, 0, 0, 1, 1, h, w), yt.toDoubleArray(), tolerance * 10);
    GradCheck.gradGrad(in -> Conv.convTranspose2d(in[0], in[1], options), y.detach().requiresGrad(), weight);
  }
}
