package dev.chainrule.nn.layers;

import static dev.chainrule.nn.Tensors.float64Leaf;
import static dev.chainrule.nn.layers.NormShapes.concat;
import static dev.chainrule.nn.layers.NormShapes.size;
import static dev.chainrule.nn.layers.NormShapes.take;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.testing.Generators;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** GroupNorm over random batch sizes, groups, channels per group, positions, eps and parameters. */
class GroupNormProperties {

  static Tensor forward(GroupNorm norm, Tensor[] in) {
    return norm.affine() ? norm.forwardWith(Map.of("weight", in[1], "bias", in[2]), in[0]) : norm.call(in[0]);
  }

  /** x, then float64 leaves for the weight (in [0.5, 1.5)) and bias (in [-1, 1)) when the layer has them. */
  static Tensor[] inputs(GroupNorm norm, int[] shape, long seed) {
    Tensor x = float64Leaf(Generators.uniform(Shape.of(shape), seed, -2, 2));
    if (!norm.affine()) {
      return new Tensor[] {x};
    }
    Shape channels = Shape.of(norm.numChannels());
    return new Tensor[] {x, float64Leaf(Generators.uniform(channels, seed + 1, 0.5, 1.5)),
        float64Leaf(Generators.uniform(channels, seed + 2, -1, 1))};
  }

  @Property(tries = 40)
  void gradientChecksOverRandomShapesAndParameters(@ForAll @IntRange(min = 1, max = 3) int n,
      @ForAll @IntRange(min = 1, max = 3) int groups, @ForAll @IntRange(min = 1, max = 2) int perGroup,
      @ForAll @IntRange(min = 0, max = 2) int spatialRank, @ForAll @IntRange(min = 1, max = 3) int h,
      @ForAll @IntRange(min = 1, max = 3) int w, @ForAll boolean affine,
      @ForAll @IntRange(min = 1, max = 3) int epsExponent, @ForAll long seed) {
    double eps = Math.pow(10, -epsExponent);
    int c = groups * perGroup;
    GroupNorm norm = new GroupNorm(groups, c, eps, affine);
    int[] shape = concat(new int[] {n, c}, take(spatialRank, h, w));
    GradCheck.check(t -> forward(norm, t), inputs(norm, shape, seed));
  }

  @Property(tries = 8)
  void gradGradChecks(@ForAll @IntRange(min = 1, max = 2) int groups, @ForAll @IntRange(min = 2, max = 3) int l,
      @ForAll long seed) {
    GroupNorm norm = new GroupNorm(groups, 2 * groups, 1e-2, true);
    GradCheck.gradGrad(t -> forward(norm, t), inputs(norm, new int[] {2, 2 * groups, l}, seed));
  }

  /**
   * Per (sample, group), over its {@code (C/G) * prod(*)} values: the output without affine has mean 0 and biased
   * variance {@code v / (v + eps)}, {@code v} computed here in plain Java; with affine, channel {@code c} of it is
   * mapped by {@code gamma_c * . + beta_c}.
   */
  @Property(tries = 40)
  void eachGroupOfEachSampleIsStandardisedThenMappedPerChannel(@ForAll @IntRange(min = 1, max = 3) int n,
      @ForAll @IntRange(min = 1, max = 3) int groups, @ForAll @IntRange(min = 1, max = 3) int perGroup,
      @ForAll @IntRange(min = 0, max = 2) int spatialRank, @ForAll @IntRange(min = 1, max = 3) int h,
      @ForAll @IntRange(min = 1, max = 3) int w, @ForAll @IntRange(min = 0, max = 5) int epsExponent,
      @ForAll long seed) {
    double eps = Math.pow(10, -epsExponent);
    int c = groups * perGroup;
    int[] spatial = take(spatialRank, h, w);
    int positions = size(spatial);
    GroupNorm plain = new GroupNorm(groups, c, eps, false);
    GroupNorm affine = new GroupNorm(groups, c, eps, true);
    Tensor[] in = inputs(affine, concat(new int[] {n, c}, spatial), seed);
    double[] x = in[0].toDoubleArray();
    double[] y = plain.call(in[0]).toDoubleArray();
    double[] z = forward(affine, in).toDoubleArray();
    double[] gamma = in[1].toDoubleArray();
    double[] beta = in[2].toDoubleArray();
    int count = perGroup * positions; // a group's values are consecutive in memory
    for (int group = 0; group < n * groups; group++) {
      double mean = 0;
      double yMean = 0;
      for (int i = group * count; i < (group + 1) * count; i++) {
        mean += x[i] / count;
        yMean += y[i] / count;
      }
      double var = 0;
      double yVar = 0;
      for (int i = group * count; i < (group + 1) * count; i++) {
        var += Math.pow(x[i] - mean, 2) / count;
        yVar += Math.pow(y[i], 2) / count;
        int channel = (i / positions) % c;
        assertEquals(gamma[channel] * y[i] + beta[channel], z[i], 1e-12, "affine output " + i);
      }
      assertEquals(0, yMean, 1e-12, "output mean of group " + group);
      assertEquals(var / (var + eps), yVar, 1e-12, "output variance of group " + group);
    }
  }

  /** One group is LayerNorm over all of a sample's {@code (C, *)}; C groups normalise each channel on its own. */
  @Property(tries = 20)
  void oneGroupIsLayerNormOverTheSampleAndOneChannelPerGroupIsPerChannel(@ForAll @IntRange(min = 1, max = 3) int n,
      @ForAll @IntRange(min = 1, max = 4) int c, @ForAll @IntRange(min = 2, max = 4) int l, @ForAll long seed) {
    Tensor x = Generators.uniform(Shape.of(n, c, l), seed, -2, 2);
    assertArrayEquals(new LayerNorm(new int[] {c, l}, 1e-5, false).call(x).toDoubleArray(),
        new GroupNorm(1, c, 1e-5, false).call(x).toDoubleArray(), 1e-12);
    assertArrayEquals(new LayerNorm(new int[] {l}, 1e-5, false).call(x).toDoubleArray(),
        new GroupNorm(c, c, 1e-5, false).call(x).toDoubleArray(), 1e-12);
  }
}
