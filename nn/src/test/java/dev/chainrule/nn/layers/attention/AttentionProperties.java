package dev.chainrule.nn.layers.attention;

import static dev.chainrule.nn.Tensors.float64Leaf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.testing.Generators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Scaled dot-product attention: gradients, a plain-Java reference, masks, fully masked rows, NaN, refusals. */
class AttentionProperties {

  /** A BOOL mask of shape (l, s) from the seed, about half allowed (true), with row 0 fully masked when asked. */
  private static Tensor mask(int l, int s, long seed, boolean firstRowMasked) {
    double[] u = Generators.uniform(Shape.of(l, s), seed, 0, 1).toDoubleArray();
    boolean[] m = new boolean[u.length];
    for (int i = 0; i < m.length; i++) {
      m[i] = u[i] >= 0.5 && !(firstRowMasked && i < s);
    }
    return Tensor.of(m, l, s);
  }

  /** softmax over the allowed entries (mask * causal), 0 for a fully masked row, in plain Java; q (l, e), k (s, e). */
  private static double[] reference(double[] q, double[] k, double[] v, double[] mask, double[] bias, boolean causal,
      int l, int s, int e, int ev) {
    double[] y = new double[l * ev];
    for (int i = 0; i < l; i++) {
      double[] score = new double[s];
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < s; j++) {
        boolean allowed = (mask == null || mask[i * s + j] != 0) && (!causal || j <= i);
        double dot = 0;
        for (int c = 0; c < e; c++) {
          dot += q[i * e + c] * k[j * e + c];
        }
        score[j] = allowed ? dot / Math.sqrt(e) + (bias == null ? 0 : bias[i * s + j]) : Double.NEGATIVE_INFINITY;
        max = Math.max(max, score[j]);
      }
      if (max == Double.NEGATIVE_INFINITY) {
        continue;
      }
      double sum = 0;
      for (int j = 0; j < s; j++) {
        score[j] = Math.exp(score[j] - max);
        sum += score[j];
      }
      for (int j = 0; j < s; j++) {
        for (int c = 0; c < ev; c++) {
          y[i * ev + c] += score[j] / sum * v[j * ev + c];
        }
      }
    }
    return y;
  }

  @Property(tries = 25)
  void gradientChecksWithMasksBiasAndCausality(@ForAll @IntRange(min = 1, max = 2) int batch,
      @ForAll @IntRange(min = 1, max = 4) int l, @ForAll @IntRange(min = 1, max = 4) int s,
      @ForAll @IntRange(min = 1, max = 3) int e, @ForAll @IntRange(min = 1, max = 3) int ev,
      @ForAll boolean masked, @ForAll boolean causal, @ForAll boolean firstRowMasked, @ForAll long seed) {
    Tensor mask = masked ? mask(l, s, seed + 9, firstRowMasked) : null;
    GradCheck.check(t -> Attention.scaledDotProductAttention(t[0], t[1], t[2], mask, t[3], causal),
        float64Leaf(Generators.uniform(Shape.of(batch, l, e), seed, -1, 1)),
        float64Leaf(Generators.uniform(Shape.of(batch, s, e), seed + 1, -1, 1)),
        float64Leaf(Generators.uniform(Shape.of(batch, s, ev), seed + 2, -1, 1)),
        float64Leaf(Generators.uniform(Shape.of(l, s), seed + 3, -1, 1)));
  }

  @Property(tries = 6)
  void secondDerivativesCheck(@ForAll @IntRange(min = 1, max = 3) int l, @ForAll @IntRange(min = 1, max = 3) int s,
      @ForAll boolean causal, @ForAll long seed) {
    Tensor mask = mask(l, s, seed + 9, false);
    GradCheck.gradGrad(t -> Attention.scaledDotProductAttention(t[0], t[1], t[2], mask, causal),
        float64Leaf(Generators.uniform(Shape.of(l, 2), seed, -1, 1)),
        float64Leaf(Generators.uniform(Shape.of(s, 2), seed + 1, -1, 1)),
        float64Leaf(Generators.uniform(Shape.of(s, 2), seed + 2, -1, 1)));
  }

  @Property(tries = 40)
  void matchesAPlainJavaReference(@ForAll @IntRange(min = 1, max = 5) int l, @ForAll @IntRange(min = 1, max = 5) int s,
      @ForAll @IntRange(min = 1, max = 4) int e, @ForAll @IntRange(min = 1, max = 3) int ev, @ForAll boolean causal,
      @ForAll boolean firstRowMasked, @ForAll long seed) {
    Tensor q = Generators.uniform(Shape.of(l, e), seed, -3, 3).to(DType.FLOAT64);
    Tensor k = Generators.uniform(Shape.of(s, e), seed + 1, -3, 3).to(DType.FLOAT64);
    Tensor v = Generators.uniform(Shape.of(s, ev), seed + 2, -3, 3).to(DType.FLOAT64);
    Tensor bias = Generators.uniform(Shape.of(l, s), seed + 3, -2, 2).to(DType.FLOAT64);
    Tensor mask = mask(l, s, seed + 4, firstRowMasked);
    Tensor y = Attention.scaledDotProductAttention(q, k, v, mask, bias, causal);
    assertArrayEquals(reference(q.toDoubleArray(), k.toDoubleArray(), v.toDoubleArray(), mask.toDoubleArray(),
        bias.toDoubleArray(), causal, l, s, e, ev), y.toDoubleArray(), 1e-9);
  }

  @Property(tries = 20)
  void weightsAreExactlyZeroWhereMaskedAndRowsSumToOneOrZero(@ForAll @IntRange(min = 1, max = 5) int l,
      @ForAll @IntRange(min = 1, max = 5) int s, @ForAll boolean causal, @ForAll long seed) {
    Tensor mask = mask(l, s, seed, true);
    Tensor w = Attention.weights(Generators.uniform(Shape.of(l, 3), seed + 1, -2, 2),
        Generators.uniform(Shape.of(s, 3), seed + 2, -2, 2), mask, null, causal);
    for (int i = 0; i < l; i++) {
      double sum = 0;
      boolean any = false;
      for (int j = 0; j < s; j++) {
        boolean allowed = mask.get(i * s + j) != 0 && (!causal || j <= i);
        any |= allowed;
        if (!allowed) {
          assertEquals(0.0, w.get(i * s + j), "masked weight (" + i + ", " + j + ")");
        }
        sum += w.get(i * s + j);
      }
      assertEquals(any ? 1 : 0, sum, 1e-5, "row " + i);
    }
  }

  @Test
  void aFullyMaskedRowGivesZeroOutputAndZeroGradientNeverNaN() {
    Tensor q = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2).requiresGrad();
    Tensor k = Tensor.of(new double[] {1, -1, 2, 0, 5, 5}, 3, 2).requiresGrad();
    Tensor v = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2).requiresGrad();
    Tensor mask = Tensor.of(new boolean[] {false, false, false, true, false, true}, 2, 3); // row 0 attends nothing
    Tensor bias = Tensor.of(new double[] {0, 0, 0, 0, Double.NEGATIVE_INFINITY, 0}, 2, 3);
    Tensor y = Attention.scaledDotProductAttention(q, k, v, mask, bias, false);
    assertEquals(0.0, y.get(0));
    assertEquals(0.0, y.get(1));
    y.sum().backward();
    assertArrayEquals(new double[] {0, 0}, new double[] {q.grad().get(0), q.grad().get(1)});
    for (Tensor g : new Tensor[] {q.grad(), k.grad(), v.grad()}) {
      for (double x : g.toDoubleArray()) {
        assertFalse(Double.isNaN(x), "gradient " + g);
      }
    }
    // -inf in the bias masks as the mask does: a row with everything at -inf is fully masked too
    Tensor allInf = Tensor.full(DType.FLOAT64, Double.NEGATIVE_INFINITY, 2, 3);
    assertArrayEquals(new double[4], Attention.scaledDotProductAttention(q, k, v, null, allInf, true)
        .toDoubleArray());
  }

  @Test
  void hugeScoresAndHugeBiasesStayExact() {
    Tensor q = Tensor.of(new double[] {1e4, -1e4}, 1, 2);
    Tensor k = Tensor.of(new double[] {1, 0, 0, 1, 2, 2}, 3, 2);
    Tensor v = Tensor.of(new double[] {1, 2, 3}, 3, 1);
    Tensor bias = Tensor.of(new double[] {-1e9, -1e9, -1e9 + 1}, 1, 3);
    Tensor mask = Tensor.of(new boolean[] {true, true, false}, 1, 3);
    Tensor y = Attention.scaledDotProductAttention(q, k, v, mask, bias, false);
    assertEquals(1.0, y.item(), 1e-12, "the largest allowed score wins outright, the masked one takes nothing");
  }

  @Test
  void nanInQueryKeyOrValueReachesTheOutputsThatReadIt() {
    Tensor q = Tensor.of(new double[] {1, 2, Double.NaN, 4, 5, 6}, 3, 2);
    Tensor k = Tensor.of(new double[] {1, 0, 0, 1}, 2, 2);
    Tensor v = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
    Tensor mask = Tensor.of(new boolean[] {true, true, true, true, false, false}, 3, 2);
    Tensor y = Attention.scaledDotProductAttention(q, k, v, mask, false);
    assertTrue(Double.isNaN(y.get(2)) && Double.isNaN(y.get(3)), "query row 1 is NaN: " + y);
    assertFalse(Double.isNaN(y.get(0)), "query row 0 is finite: " + y);
    Tensor kNaN = Tensor.of(new double[] {1, 0, Double.NaN, 1}, 2, 2);
    Tensor yk = Attention.scaledDotProductAttention(Tensor.ones(DType.FLOAT64, 3, 2), kNaN, v, null, true);
    assertFalse(Double.isNaN(yk.get(0)), "row 0 attends only key 0: " + yk);
    assertTrue(Double.isNaN(yk.get(2)), "row 1 attends key 1: " + yk);
    Tensor vNaN = Tensor.of(new double[] {1, 2, Double.NaN, 4}, 2, 2);
    assertTrue(Double.isNaN(Attention.scaledDotProductAttention(q.detach(), k, vNaN, mask, false).get(0)));
    Tensor bias = Tensor.of(new double[] {0, Double.NaN}, 1, 2);
    assertTrue(Double.isNaN(Attention.scaledDotProductAttention(k, k, v, null, bias, false).get(0)));
  }

  @Test
  void theCausalMaskIsLowerTriangular() {
    assertEquals(DType.BOOL, Attention.causalMask(2, 3).dtype());
    assertArrayEquals(new boolean[] {true, false, false, true, true, false},
        Attention.causalMask(2, 3).toBooleanArray());
    assertArrayEquals(new int[] {2, 3}, Attention.causalMask(2, 3).shape().dims());
  }

  @Test
  void refusalsNameTheOpTheShapesAndWhatWasExpected() {
    Tensor q = Tensor.ones(2, 3);
    var e = assertThrows(IllegalArgumentException.class,
        () -> Attention.scaledDotProductAttention(q, Tensor.ones(4, 2), Tensor.ones(4, 5), null, false));
    assertTrue(e.getMessage().contains("scaledDotProductAttention") && e.getMessage().contains("(2, 3)")
        && e.getMessage().contains("(4, 2)") && e.getMessage().contains("embedding size E"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Attention.scaledDotProductAttention(q, Tensor.ones(4, 3), Tensor.ones(5, 5), null, false));
    assertTrue(e.getMessage().contains("(4, 3)") && e.getMessage().contains("(5, 5)")
        && e.getMessage().contains("positions S"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Attention.scaledDotProductAttention(q, Tensor.ones(4, 3), Tensor.ones(4, 5), Tensor.of(new boolean[12],
            3, 4), false));
    assertTrue(e.getMessage().contains("mask of shape (3, 4)") && e.getMessage().contains("(2, 4)"), e.getMessage());
    // a float 0/1 mask is refused rather than read as either a mask or a bias
    e = assertThrows(IllegalArgumentException.class,
        () -> Attention.scaledDotProductAttention(q, Tensor.ones(4, 3), Tensor.ones(4, 5), Tensor.ones(2, 4), false));
    assertTrue(e.getMessage().contains("scaledDotProductAttention: mask of shape (2, 4) is float32")
        && e.getMessage().contains("must be bool"), e.getMessage());
  }
}
