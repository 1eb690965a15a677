package dev.chainrule.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.testing.Generators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Nearest upsampling against a plain loop over random shapes, scale factors and sizes, and against PyTorch. */
class UpsampleProperties {

  /** {@code y[n, c, i, j] = x[n, c, floor(i * h / oh), floor(j * w / ow)]}, one loop per element. */
  private static double[] nearest(Tensor x, int oh, int ow) {
    int n = x.shape().dim(0);
    int c = x.shape().dim(1);
    int h = x.shape().dim(2);
    int w = x.shape().dim(3);
    double[] v = x.toDoubleArray();
    double[] y = new double[n * c * oh * ow];
    for (int p = 0; p < n * c; p++) {
      for (int i = 0; i < oh; i++) {
        for (int j = 0; j < ow; j++) {
          y[(p * oh + i) * ow + j] = v[(p * h + i * h / oh) * w + j * w / ow];
        }
      }
    }
    return y;
  }

  @Property(tries = 40)
  void scaleFactorsRepeatEachPixelAndGradientCheck(@ForAll @IntRange(min = 1, max = 2) int n,
      @ForAll @IntRange(min = 1, max = 3) int c, @ForAll @IntRange(min = 1, max = 4) int h,
      @ForAll @IntRange(min = 1, max = 4) int w, @ForAll @IntRange(min = 1, max = 3) int sh,
      @ForAll @IntRange(min = 1, max = 3) int sw, @ForAll boolean oneFactor, @ForAll long seed) {
    Upsample up = oneFactor ? Upsample.scaleFactor(sh) : Upsample.scaleFactor(sh, sw);
    int fw = oneFactor ? sh : sw;
    Tensor x = Generators.uniform(Shape.of(n, c, h, w), seed, -1, 1);
    Tensor y = up.call(x);
    assertEquals(Shape.of(n, c, h * sh, w * fw), y.shape());
    assertArrayEquals(nearest(x, h * sh, w * fw), y.toDoubleArray());
    GradCheck.check(in -> up.call(in[0]), x.requiresGrad());
  }

  @Property(tries = 40)
  void anOutputSizePicksTheNearestSourceAndGradientChecks(@ForAll @IntRange(min = 1, max = 2) int n,
      @ForAll @IntRange(min = 1, max = 2) int c, @ForAll @IntRange(min = 1, max = 5) int h,
      @ForAll @IntRange(min = 1, max = 5) int w, @ForAll @IntRange(min = 1, max = 8) int oh,
      @ForAll @IntRange(min = 1, max = 8) int ow, @ForAll long seed) {
    Upsample up = Upsample.size(oh, ow);
    Tensor x = Generators.uniform(Shape.of(n, c, h, w), seed, -1, 1);
    Tensor y = up.call(x);
    assertEquals(Shape.of(n, c, oh, ow), y.shape());
    assertArrayEquals(nearest(x, oh, ow), y.toDoubleArray());
    GradCheck.check(in -> up.call(in[0]), x.requiresGrad());
  }

  @Property(tries = 10)
  void secondDerivativesGoThroughTheIndexSelects(@ForAll @IntRange(min = 1, max = 3) int h,
      @ForAll @IntRange(min = 1, max = 3) int w, @ForAll @IntRange(min = 1, max = 5) int oh, @ForAll long seed) {
    Tensor x = Generators.uniform(Shape.of(1, 2, h, w), seed, -1, 1).requiresGrad();
    // squared, so the second derivative is not zero
    GradCheck.gradGrad(in -> Upsample.size(oh, 2 * w).call(in[0]).square(), x);
  }

  @Property(tries = 30)
  void sequencesAreImagesOfOneRow(@ForAll @IntRange(min = 1, max = 2) int n,
      @ForAll @IntRange(min = 1, max = 3) int c, @ForAll @IntRange(min = 1, max = 6) int length,
      @ForAll @IntRange(min = 1, max = 9) int out, @ForAll long seed) {
    Tensor x = Generators.uniform(Shape.of(n, c, length), seed, -1, 1);
    Tensor y = Upsample.size(out).call(x);
    assertEquals(Shape.of(n, c, out), y.shape());
    assertArrayEquals(nearest(x.unsqueeze(2), 1, out), y.toDoubleArray());
    GradCheck.check(in -> Upsample.scaleFactor(2).call(in[0]), x.requiresGrad());
  }

  /**
   * PyTorch 1.13, {@code torch.nn.functional.interpolate(x, ..., mode="nearest").flatten().long().tolist()} of
   * {@code x = torch.arange(15.).reshape(1, 1, 3, 5)} with {@code size=(7, 4)}, of
   * {@code torch.arange(8.).reshape(1, 2, 4)} with {@code size=6}, and of {@code torch.arange(6.).reshape(1, 1, 2, 3)}
   * with {@code scale_factor=(2, 3)}.
   */
  @Test
  void matchesPyTorch() {
    assertArrayEquals(new double[] {0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 5, 6, 7, 8, 5, 6, 7, 8, 10, 11, 12, 13, 10,
        11, 12, 13}, Upsample.size(7, 4).call(Tensor.arange(15).reshape(1, 1, 3, 5)).toDoubleArray());
    assertArrayEquals(new double[] {0, 0, 1, 2, 2, 3, 4, 4, 5, 6, 6, 7},
        Upsample.size(6).call(Tensor.arange(8).reshape(1, 2, 4)).toDoubleArray());
    assertArrayEquals(new double[] {0, 0, 0, 1, 1, 1, 2, 2, 2, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5, 3,
        3, 3, 4, 4, 4, 5, 5, 5}, Upsample.scaleFactor(2, 3).call(Tensor.arange(6).reshape(1, 1, 2, 3)).toDoubleArray());
  }

  @Test
  void refusalsNameTheLayerTheShapeAndTheOption() {
    var e = assertThrows(IllegalArgumentException.class, () -> Upsample.scaleFactor(2).call(Tensor.ones(2, 3)));
    assertTrue(e.getMessage().contains("Upsample") && e.getMessage().contains("(2, 3)")
        && e.getMessage().contains("(N, C, L) or (N, C, H, W)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Upsample.size(4, 4).call(Tensor.ones(1, 1, 3)));
    assertTrue(e.getMessage().contains("size [4, 4]") && e.getMessage().contains("(1, 1, 3)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Upsample.scaleFactor(0));
    assertTrue(e.getMessage().contains(">= 1"), e.getMessage());
    assertEquals("Upsample(scaleFactor=(2,), mode=nearest)", Upsample.scaleFactor(2).toString());
  }
}
