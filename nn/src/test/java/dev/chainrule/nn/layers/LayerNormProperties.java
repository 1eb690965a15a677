package dev.chainrule.nn.layers;

import static dev.chainrule.nn.Tensors.float64Leaf;
import static dev.chainrule.nn.layers.NormShapes.concat;
import static dev.chainrule.nn.layers.NormShapes.size;
import static dev.chainrule.nn.layers.NormShapes.take;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.testing.Generators;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** LayerNorm over random leading and normalised shapes, eps and parameters: gradients and statistics. */
class LayerNormProperties {

  /** The layer with its parameters replaced by {@code in[1..]} (weight, then bias, as far as it has them). */
  static Tensor forward(LayerNorm norm, Tensor[] in) {
    Map<String, Tensor> params = new LinkedHashMap<>();
    if (norm.elementwiseAffine()) {
      params.put("weight", in[1]);
    }
    if (norm.hasBias()) {
      params.put("bias", in[2]);
    }
    return norm.forwardWith(params, in[0]);
  }

  /** x, then float64 leaves for the weight (in [0.5, 1.5)) and bias (in [-1, 1)) as far as the layer has them. */
  static Tensor[] inputs(LayerNorm norm, int[] shape, long seed) {
    Shape normalized = Shape.of(norm.normalizedShape());
    Tensor x = float64Leaf(Generators.uniform(Shape.of(shape), seed, -2, 2));
    Tensor weight = float64Leaf(Generators.uniform(normalized, seed + 1, 0.5, 1.5));
    Tensor bias = float64Leaf(Generators.uniform(normalized, seed + 2, -1, 1));
    if (!norm.elementwiseAffine()) {
      return new Tensor[] {x};
    }
    return norm.hasBias() ? new Tensor[] {x, weight, bias} : new Tensor[] {x, weight};
  }

  @Property(tries = 40)
  void gradientChecksOverRandomShapesAndParameters(@ForAll @IntRange(min = 0, max = 2) int leadRank,
      @ForAll @IntRange(min = 1, max = 3) int a, @ForAll @IntRange(min = 1, max = 3) int b,
      @ForAll @IntRange(min = 1, max = 2) int normRank, @ForAll @IntRange(min = 1, max = 3) int d,
      @ForAll @IntRange(min = 1, max = 3) int e, @ForAll boolean affine, @ForAll boolean bias,
      @ForAll @IntRange(min = 1, max = 3) int epsExponent, @ForAll long seed) {
    double eps = Math.pow(10, -epsExponent);
    int[] normalized = take(normRank, d, e);
    LayerNorm norm = new LayerNorm(normalized, eps, affine, bias);
    int[] shape = concat(take(leadRank, a, b), normalized);
    GradCheck.check(t -> forward(norm, t), inputs(norm, shape, seed));
  }

  /** Second derivatives through the statistics (a gradient penalty on a transformer block). */
  @Property(tries = 8)
  void gradGradChecks(@ForAll @IntRange(min = 1, max = 2) int rows, @ForAll @IntRange(min = 2, max = 3) int d,
      @ForAll long seed) {
    LayerNorm norm = new LayerNorm(new int[] {d}, 1e-2, true);
    GradCheck.gradGrad(t -> forward(norm, t), inputs(norm, new int[] {rows, d}, seed));
  }

  /**
   * Without affine, each row of {@code n} normalised values has mean 0 and biased variance {@code v / (v + eps)},
   * {@code v} the row's biased variance computed here in plain Java; with it, the output is
   * {@code gamma * that + beta} position by position.
   */
  @Property(tries = 40)
  void eachRowIsStandardisedThenMappedPositionByPosition(@ForAll @IntRange(min = 0, max = 2) int leadRank,
      @ForAll @IntRange(min = 1, max = 3) int a, @ForAll @IntRange(min = 1, max = 3) int b,
      @ForAll @IntRange(min = 1, max = 2) int normRank, @ForAll @IntRange(min = 2, max = 4) int d,
      @ForAll @IntRange(min = 1, max = 3) int e, @ForAll @IntRange(min = 0, max = 5) int epsExponent,
      @ForAll long seed) {
    double eps = Math.pow(10, -epsExponent);
    int[] normalized = take(normRank, d, e);
    int[] shape = concat(take(leadRank, a, b), normalized);
    LayerNorm plain = new LayerNorm(normalized, eps, false);
    LayerNorm affine = new LayerNorm(normalized, eps, true);
    Tensor[] in = inputs(affine, shape, seed);
    double[] x = in[0].toDoubleArray();
    double[] y = plain.call(in[0]).toDoubleArray();
    double[] z = forward(affine, in).toDoubleArray();
    double[] gamma = in[1].toDoubleArray();
    double[] beta = in[2].toDoubleArray();
    int n = size(normalized);
    for (int row = 0; row < x.length / n; row++) {
      double mean = 0;
      double yMean = 0;
      for (int i = 0; i < n; i++) {
        mean += x[row * n + i] / n;
        yMean += y[row * n + i] / n;
      }
      double var = 0;
      double yVar = 0;
      for (int i = 0; i < n; i++) {
        var += Math.pow(x[row * n + i] - mean, 2) / n;
        yVar += Math.pow(y[row * n + i], 2) / n;
        assertEquals(gamma[i] * y[row * n + i] + beta[i], z[row * n + i], 1e-12, "affine output " + (row * n + i));
      }
      assertEquals(0, yMean, 1e-12, "output mean of row " + row);
      assertEquals(var / (var + eps), yVar, 1e-12, "output variance of row " + row);
    }
  }
}
