package dev.chainrule.nn.loss;

import static dev.chainrule.nn.Tensors.assertValues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.testing.Generators;
import org.junit.jupiter.api.Test;

class RegressionAndBinaryLossesTest {
  @Test
  void mseAgainstHandComputedValuesForEachReduction() {
    Tensor p = Tensor.of(1.0, 2.0, 3.0);
    Tensor t = Tensor.of(1.5, 2.0, 1.0);
    // (1 - 1.5)^2 = 0.25, 0, (3 - 1)^2 = 4
    assertValues(new double[] {0.25, 0, 4}, new int[] {3}, new MSELoss(Reduction.NONE).apply(p, t), 1e-15);
    assertEquals(4.25, new MSELoss(Reduction.SUM).apply(p, t).item(), 1e-15);
    assertEquals(4.25 / 3, new MSELoss().apply(p, t).item(), 1e-15);
  }

  @Test
  void bceOnProbabilitiesAgainstHandComputedValues() {
    Tensor p = Tensor.of(0.9, 0.2, 0.6);
    Tensor t = Tensor.of(1.0, 0.0, 0.25);
    double l0 = -Math.log(0.9);
    double l1 = -Math.log(0.8);
    double l2 = -(0.25 * Math.log(0.6) + 0.75 * Math.log(0.4));
    assertValues(new double[] {l0, l1, l2}, new int[] {3}, new BCELoss(Reduction.NONE).apply(p, t), 1e-12);
    assertEquals(l0 + l1 + l2, new BCELoss(Reduction.SUM).apply(p, t).item(), 1e-12);
    assertEquals((l0 + l1 + l2) / 3, new BCELoss().apply(p, t).item(), 1e-12);
  }

  @Test
  void bceClampsCertainWrongPredictionsToAFiniteLoss() {
    Tensor p = Tensor.of(0.0, 1.0, 1.0);
    Tensor t = Tensor.of(1.0, 0.0, 1.0);
    Tensor loss = new BCELoss(Reduction.NONE).apply(p.requiresGrad(), t);
    assertValues(new double[] {-Math.log(1e-7), -Math.log(1e-7), -Math.log(1 - 1e-7)}, new int[] {3}, loss,
        1e-9);
  }

  @Test
  void bceWithLogitsAgainstHandComputedValues() {
    double[] z = {0.5, -1.2, 0, 3};
    double[] t = {1, 0, 1, 0.3};
    double[] expected = new double[4];
    for (int i = 0; i < 4; i++) {
      double s = 1 / (1 + Math.exp(-z[i]));
      expected[i] = -(t[i] * Math.log(s) + (1 - t[i]) * Math.log(1 - s));
    }
    assertValues(expected, new int[] {4}, new BCEWithLogitsLoss(Reduction.NONE).apply(Tensor.of(z), Tensor.of(t)),
        1e-12);
  }

  @Test
  void bceWithLogitsIsFiniteAndExactAtPlusMinus1000InBothTypes() {
    for (boolean float64 : new boolean[] {true, false}) {
      double[] z = {1000, -1000, 1000, -1000};
      Tensor logits = (float64 ? Tensor.of(z) : Tensor.of(1000f, -1000f, 1000f, -1000f)).requiresGrad();
      Tensor targets = float64 ? Tensor.of(1.0, 0.0, 0.0, 1.0) : Tensor.of(1f, 0f, 0f, 1f);
      // right and confident: 0; wrong and confident: |z| = 1000
      assertValues(new double[] {0, 0, 1000, 1000}, new int[] {4},
          new BCEWithLogitsLoss(Reduction.NONE).apply(logits, targets), 0);
      new BCEWithLogitsLoss().apply(logits, targets).backward();
      // d mean / dz = (sigmoid(z) - t) / 4
      assertValues(new double[] {0, 0, 0.25, -0.25}, new int[] {4}, logits.grad(), 1e-7);
    }
  }

  @Test
  void bceWithLogitsHasTheSmoothGradientAtZero() {
    Tensor z = Tensor.of(0.0, 0.0).requiresGrad();
    new BCEWithLogitsLoss(Reduction.SUM).apply(z, Tensor.of(1.0, 0.0)).backward();
    assertValues(new double[] {-0.5, 0.5}, new int[] {2}, z.grad(), 1e-15);
  }

  @Test
  void bceGivenLogitsFailsAndPointsToBceWithLogits() {
    Tensor logits = Tensor.of(new float[][] {{2.3f}, {-1.1f}, {0.4f}});
    Tensor t = Tensor.of(new float[][] {{1}, {0}, {1}});
    var e = assertThrows(IllegalArgumentException.class, () -> new BCELoss().apply(logits, t));
    assertTrue(e.getMessage().startsWith("BCELoss: prediction of shape (3, 1) holds 2 values outside [0, 1]")
        && e.getMessage().contains("-1.1") && e.getMessage().contains("2.3")
        && e.getMessage().contains("BCEWithLogitsLoss"), e.getMessage());
  }

  @Test
  void binaryTargetsOutsideZeroToOneFailInBothBinaryLosses() {
    Tensor p = Tensor.of(0.5, 0.5, 0.5);
    Tensor t = Tensor.of(1.0, 2.0, -1.0);
    for (Loss loss : new Loss[] {new BCELoss(), new BCEWithLogitsLoss()}) {
      var e = assertThrows(IllegalArgumentException.class, () -> loss.apply(p, t));
      String name = loss.getClass().getSimpleName();
      assertTrue(e.getMessage().startsWith(name + ": target of shape (3,) holds 2 values outside [0, 1]"),
          e.getMessage());
    }
  }

  @Test
  void aNanPredictionOrTargetGivesANanLossNotTheRangeError() {
    Tensor p = Tensor.of(0.5, Double.NaN, 0.25);
    Tensor t = Tensor.of(1.0, 0.0, 1.0);
    assertTrue(Double.isNaN(new BCELoss().apply(p, t).item()));
    assertTrue(Double.isNaN(new BCELoss().apply(t.mul(0.5), Tensor.of(1.0, Double.NaN, 0.0)).item()));
    assertTrue(Double.isNaN(new BCEWithLogitsLoss().apply(Tensor.of(Float.NaN, 3f), Tensor.of(1f, 0f)).item()));
    assertTrue(Double.isNaN(new BCEWithLogitsLoss().apply(Tensor.of(3f, 3f), Tensor.of(Float.NaN, 0f)).item()));
  }

  @Test
  void mismatchedShapesNameTheLossAndBothShapes() {
    for (Loss loss : new Loss[] {new MSELoss(), new BCELoss(), new BCEWithLogitsLoss()}) {
      var e = assertThrows(IllegalArgumentException.class, () -> loss.apply(Tensor.ones(3, 1), Tensor.ones(3)));
      String name = loss.getClass().getSimpleName();
      assertTrue(e.getMessage().startsWith(name + ":") && e.getMessage().contains("(3, 1)")
          && e.getMessage().contains("(3,)"), e.getMessage());
    }
  }

  @Test
  void gradientsCheckInFloat64() {
    Shape shape = Shape.of(3, 2);
    Tensor targets = Generators.uniform(shape, 21, 0, 1);
    for (Reduction r : Reduction.values()) {
      GradCheck.check(in -> new MSELoss(r).apply(in[0], in[1]), Generators.uniform(shape, 22, -2, 2)
          .requiresGrad(), targets.detach().requiresGrad());
      GradCheck.check(in -> new BCELoss(r).apply(in[0], in[1]), Generators.uniform(shape, 23, 0.05, 0.95)
          .requiresGrad(), targets.detach().requiresGrad());
      GradCheck.check(in -> new BCEWithLogitsLoss(r).apply(in[0], in[1]), Generators.uniform(shape, 24, -4, 4)
          .requiresGrad(), targets.detach().requiresGrad());
    }
  }
}
