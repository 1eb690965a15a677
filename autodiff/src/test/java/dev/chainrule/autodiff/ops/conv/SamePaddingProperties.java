package dev.chainrule.autodiff.ops.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.testing.Generators;
import dev.chainrule.autodiff.testing.GradientProperty;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@code padding="same"} keeps the input's size for every kernel 1-4 (even ones included) and dilation 1-2, and
 * equals the direct loop padded by {@code d (k - 1)} in total, the smaller half first (PyTorch's rule); its
 * gradients, through the asymmetric padding, match finite differences to second order.
 */
class SamePaddingProperties {

  @Property(tries = 50)
  @GradientProperty(Conv2d.class)
  void samePaddingKeepsTheSizeAndPutsTheExtraPaddingLast(@ForAll @IntRange(min = 1, max = 4) int kh,
      @ForAll @IntRange(min = 1, max = 4) int kw, @ForAll @IntRange(min = 1, max = 2) int dh,
      @ForAll @IntRange(min = 1, max = 2) int dw, @ForAll @IntRange(min = 1, max = 5) int h,
      @ForAll @IntRange(min = 1, max = 5) int w, @ForAll @IntRange(min = 1, max = 2) int groups, @ForAll long seed) {
    Tensor x = Generators.uniform(Shape.of(1, 2 * groups, h, w), seed, -1, 1).requiresGrad();
    Tensor weight = Generators.uniform(Shape.of(groups, 2, kh, kw), seed + 1, -1, 1).requiresGrad();
    ConvOptions options = ConvOptions.defaults().paddingSame().dilation(dh, dw).groups(groups);
    Tensor y = Conv.conv2d(x, weight, options);
    assertEquals(Shape.of(1, groups, h, w), y.shape());
    double[] expected = DirectConv.conv2d(x.toDoubleArray(), 1, 2 * groups, h, w, weight.toDoubleArray(), groups,
        kh, kw, null, groups, 1, 1, dh * (kh - 1) / 2, dw * (kw - 1) / 2, dh, dw, h, w);
    assertArrayEquals(expected, y.toDoubleArray(), 1e-12);
    GradCheck.gradGrad(in -> Conv.conv2d(in[0], in[1], options), x, weight);
  }

  /** conv1d with "same" pads its one axis the same way: the length is kept, the extra tap goes on the right. */
  @Property(tries = 30)
  @GradientProperty(Conv2d.class)
  void conv1dSamePaddingKeepsTheLength(@ForAll @IntRange(min = 1, max = 4) int k,
      @ForAll @IntRange(min = 1, max = 2) int d, @ForAll @IntRange(min = 1, max = 6) int length, @ForAll long seed) {
    Tensor x = Generators.uniform(Shape.of(2, 3, length), seed, -1, 1).requiresGrad();
    Tensor weight = Generators.uniform(Shape.of(2, 3, k), seed + 1, -1, 1).requiresGrad();
    ConvOptions options = ConvOptions.defaults().paddingSame().dilation(d);
    Tensor y = Conv.conv1d(x, weight, options);
    assertEquals(Shape.of(2, 2, length), y.shape());
    double[] expected = DirectConv.conv2d(x.toDoubleArray(), 2, 3, 1, length, weight.toDoubleArray(), 2, 1, k,
        null, 1, 1, 1, 0, d * (k - 1) / 2, 1, d, 1, length);
    assertArrayEquals(expected, y.toDoubleArray(), 1e-12);
    GradCheck.check(in -> Conv.conv1d(in[0], in[1], options), x, weight);
  }
}
