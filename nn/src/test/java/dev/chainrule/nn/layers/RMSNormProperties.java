package dev.chainrule.nn.layers;

import static dev.chainrule.nn.Tensors.float64Leaf;
import static dev.chainrule.nn.layers.NormShapes.concat;
import static dev.chainrule.nn.layers.NormShapes.size;
import static dev.chainrule.nn.layers.NormShapes.take;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.testing.Generators;
import java.util.Map;
import java.util.OptionalDouble;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** RMSNorm over random leading and normalised shapes, eps (given or the dtype's) and weights. */
class RMSNormProperties {

  static Tensor forward(RMSNorm norm, Tensor[] in) {
    return norm.elementwiseAffine() ? norm.forwardWith(Map.of("weight", in[1]), in[0]) : norm.call(in[0]);
  }

  /** x, then a float64 leaf for the weight (in [0.5, 1.5)) when the layer has one. */
  static Tensor[] inputs(RMSNorm norm, int[] shape, long seed) {
    Tensor x = float64Leaf(Generators.uniform(Shape.of(shape), seed, -2, 2));
    return norm.elementwiseAffine()
        ? new Tensor[] {x, float64Leaf(Generators.uniform(Shape.of(norm.normalizedShape()), seed + 1, 0.5, 1.5))}
        : new Tensor[] {x};
  }

  @Property(tries = 40)
  void gradientChecksOverRandomShapesAndParameters(@ForAll @IntRange(min = 0, max = 2) int leadRank,
      @ForAll @IntRange(min = 1, max = 3) int a, @ForAll @IntRange(min = 1, max = 3) int b,
      @ForAll @IntRange(min = 1, max = 2) int normRank, @ForAll @IntRange(min = 1, max = 3) int d,
      @ForAll @IntRange(min = 1, max = 3) int e, @ForAll boolean affine,
      @ForAll @IntRange(min = 1, max = 3) int epsExponent, @ForAll long seed) {
    double eps = Math.pow(10, -epsExponent);
    int[] normalized = take(normRank, d, e);
    RMSNorm norm = new RMSNorm(normalized, eps, affine);
    GradCheck.check(t -> forward(norm, t), inputs(norm, concat(take(leadRank, a, b), normalized), seed));
  }

  @Property(tries = 8)
  void gradGradChecks(@ForAll @IntRange(min = 1, max = 2) int rows, @ForAll @IntRange(min = 2, max = 3) int d,
      @ForAll long seed) {
    RMSNorm norm = new RMSNorm(new int[] {d}, 1e-2, true);
    GradCheck.gradGrad(t -> forward(norm, t), inputs(norm, new int[] {rows, d}, seed));
  }

  /**
   * Each row is {@code x / sqrt(mean(x^2) + eps) * gamma}, computed here in plain Java, with eps given or, without
   * one, {@code 2^-52} for a FLOAT64 input and {@code 2^-23} for a FLOAT32 one (PyTorch's
   * {@code finfo(dtype).eps}); values down to 1e-9 make the eps visible. A FLOAT32 input computes in FLOAT32
   * up to the FLOAT64 weight, hence its looser tolerance.
   */
  @Property(tries = 60)
  void eachRowIsDividedByItsRootMeanSquareThenScaled(@ForAll @IntRange(min = 0, max = 2) int leadRank,
      @ForAll @IntRange(min = 1, max = 3) int a, @ForAll @IntRange(min = 1, max = 3) int b,
      @ForAll @IntRange(min = 1, max = 2) int normRank, @ForAll @IntRange(min = 1, max = 4) int d,
      @ForAll @IntRange(min = 1, max = 3) int e, @ForAll boolean givenEps, @ForAll boolean float32,
      @ForAll @IntRange(min = 0, max = 9) int scaleExponent, @ForAll long seed) {
    int[] normalized = take(normRank, d, e);
    RMSNorm norm = givenEps ? new RMSNorm(normalized, 1e-6, true) : new RMSNorm(normalized);
    double scale = Math.pow(10, -scaleExponent);
    Tensor[] in = inputs(norm, concat(take(leadRank, a, b), normalized), seed);
    Tensor x = in[0].mul(scale).to(float32 ? DType.FLOAT32 : DType.FLOAT64).detach();
    double[] xs = x.toDoubleArray();
    double[] gamma = in[1].toDoubleArray();
    double[] y = norm.forwardWith(Map.of("weight", in[1]), x).toDoubleArray();
    double eps = givenEps ? 1e-6 : float32 ? 0x1p-23 : 0x1p-52;
    int n = size(normalized);
    for (int row = 0; row < xs.length / n; row++) {
      double meanSquare = 0;
      for (int i = 0; i < n; i++) {
        meanSquare += xs[row * n + i] * xs[row * n + i] / n;
      }
      for (int i = 0; i < n; i++) {
        double expected = xs[row * n + i] / Math.sqrt(meanSquare + eps) * gamma[i];
        double tolerance = (float32 ? 1e-5 : 1e-10) * Math.abs(expected) + 1e-30;
        assertEquals(expected, y[row * n + i], tolerance, "element " + (row * n + i));
      }
    }
    assertEquals(givenEps ? OptionalDouble.of(1e-6) : OptionalDouble.empty(), norm.eps());
  }
}
