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

class ClassificationLossesTest {
  private static final double[][] LOGITS = {{1, 2, 3}, {1, 0, -1}};
  private static final Tensor LABELS = Tensor.ofLongs(2, 0);

  private static double logSumExp(double... z) {
    double s = 0;
    for (double v : z) {
      s += Math.exp(v);
    }
    return Math.log(s);
  }

  @Test
  void crossEntropyAgainstHandComputedValuesForEachReduction() {
    double l0 = logSumExp(1, 2, 3) - 3;
    double l1 = logSumExp(1, 0, -1) - 1;
    Tensor z = Tensor.of(LOGITS);
    assertValues(new double[] {l0, l1}, new int[] {2}, new CrossEntropyLoss(Reduction.NONE).apply(z, LABELS),
        1e-12);
    assertEquals(l0 + l1, new CrossEntropyLoss(Reduction.SUM).apply(z, LABELS).item(), 1e-12);
    assertEquals((l0 + l1) / 2, new CrossEntropyLoss().apply(z, LABELS).item(), 1e-12);
  }

  @Test
  void crossEntropyIsFiniteAtExtremeLogits() {
    Tensor z = Tensor.of(new float[][] {{1000, 0}, {1000, 0}}).requiresGrad();
    Tensor loss = new CrossEntropyLoss(Reduction.NONE).apply(z, Tensor.ofLongs(0, 1));
    assertValues(new double[] {0, 1000}, new int[] {2}, loss, 0);
    loss.sum().backward();
    // softmax(z) - onehot(y): (1, 0) - (1, 0) and (1, 0) - (0, 1)
    assertValues(new double[] {0, 0, 1, -1}, new int[] {2, 2}, z.grad(), 0);
  }

  @Test
  void nllOfLogSoftmaxEqualsCrossEntropyAndPicksTheLabelledEntry() {
    Tensor q = Tensor.of(new double[][] {{-0.1, -2.5, -3}, {-1.2, -0.7, -1.5}});
    assertValues(new double[] {3, 1.2}, new int[] {2}, new NLLLoss(Reduction.NONE).apply(q, LABELS), 0);
    assertEquals(4.2, new NLLLoss(Reduction.SUM).apply(q, LABELS).item(), 1e-15);
    assertEquals(2.1, new NLLLoss().apply(q, LABELS).item(), 1e-15);
    Tensor z = Tensor.of(LOGITS);
    assertEquals(new CrossEntropyLoss().apply(z, LABELS).item(), new NLLLoss().apply(z.logSoftmax(1), LABELS)
        .item(), 1e-15);
  }

  @Test
  void categoricalCrossEntropyWithSoftAndOneHotTargets() {
    Tensor z = Tensor.of(LOGITS);
    double[][] t = {{0.2, 0.3, 0.5}, {0, 1, 0}};
    double[] expected = new double[2];
    for (int n = 0; n < 2; n++) {
      double lse = logSumExp(LOGITS[n]);
      for (int c = 0; c < 3; c++) {
        expected[n] -= t[n][c] * (LOGITS[n][c] - lse);
      }
    }
    Tensor targets = Tensor.of(t);
    assertValues(expected, new int[] {2}, new CategoricalCrossEntropyLoss(Reduction.NONE).apply(z, targets), 1e-12);
    assertEquals(expected[0] + expected[1], new CategoricalCrossEntropyLoss(Reduction.SUM).apply(z, targets).item(),
        1e-12);
    assertEquals(new CrossEntropyLoss().apply(z, LABELS).item(),
        new CategoricalCrossEntropyLoss().apply(z, Tensor.oneHot(LABELS, 3)).item(), 1e-12);
  }

  @Test
  void badLabelsAndShapesNameTheLoss() {
    Tensor z = Tensor.of(LOGITS);
    var range = assertThrows(IllegalArgumentException.class, () -> new CrossEntropyLoss().apply(z,
        Tensor.ofLongs(0, 3)));
    assertTrue(range.getMessage().contains("CrossEntropyLoss") && range.getMessage().contains("index 1"),
        range.getMessage());
    var floating = assertThrows(IllegalArgumentException.class, () -> new NLLLoss().apply(z, Tensor.of(0.0, 1.0)));
    assertEquals("NLLLoss: target of shape (2,) is float64; class indices are int64 (convert with"
        + " to(DType.INT64))", floating.getMessage());
    var shape = assertThrows(IllegalArgumentException.class, () -> new NLLLoss().apply(z, Tensor.ofLongs(0)));
    assertTrue(shape.getMessage().contains("NLLLoss") && shape.getMessage().contains("(2, 3)")
        && shape.getMessage().contains("(1,)"), shape.getMessage());
    var soft = assertThrows(IllegalArgumentException.class, () -> new CategoricalCrossEntropyLoss().apply(z,
        Tensor.ones(2, 4)));
    assertTrue(soft.getMessage().contains("CategoricalCrossEntropyLoss") && soft.getMessage().contains("(2, 4)"),
        soft.getMessage());
  }

  @Test
  void oneHotTargetsPointToCategoricalCrossEntropy() {
    Tensor z = Tensor.of(LOGITS);
    Tensor oneHot = Tensor.of(new double[][] {{0, 0, 1}, {1, 0, 0}});
    for (Loss loss : new Loss[] {new CrossEntropyLoss(), new NLLLoss()}) {
      var e = assertThrows(IllegalArgumentException.class, () -> loss.apply(z, oneHot));
      String name = loss.getClass().getSimpleName();
      assertTrue(e.getMessage().startsWith(name + ": target of shape (2, 3) has the prediction's shape")
          && e.getMessage().contains("CategoricalCrossEntropyLoss") && e.getMessage().contains("argmax(1)"),
          e.getMessage());
    }
    var column = assertThrows(IllegalArgumentException.class, () -> new CrossEntropyLoss().apply(z,
        Tensor.of(new double[][] {{2}, {0}})));
    assertTrue(column.getMessage().contains("(2, 1)") && column.getMessage().contains("squeeze(1)"),
        column.getMessage());
  }

  @Test
  void labelsThatAreNotClassIndicesFail() {
    Tensor z = Tensor.of(LOGITS);
    for (long bad : new long[] {-1, 3, Long.MAX_VALUE}) {
      for (Loss loss : new Loss[] {new CrossEntropyLoss(), new NLLLoss()}) {
        var e = assertThrows(IllegalArgumentException.class, () -> loss.apply(z, Tensor.ofLongs(0, bad)));
        assertTrue(e.getMessage().contains("index 1") && e.getMessage().contains("[0, 3)"), e.getMessage());
      }
    }
  }

  @Test
  void gradientsCheckInFloat64() {
    Shape shape = Shape.of(4, 3);
    Tensor labels = Generators.indices(Shape.of(4), 31, 3);
    Tensor soft = Generators.uniform(shape, 32, 0, 1);
    for (Reduction r : Reduction.values()) {
      GradCheck.check(in -> new CrossEntropyLoss(r).apply(in[0], labels), Generators.uniform(shape, 33, -3, 3)
          .requiresGrad());
      GradCheck.check(in -> new NLLLoss(r).apply(in[0], labels), Generators.uniform(shape, 34, -3, 0)
          .requiresGrad());
      GradCheck.check(in -> new CategoricalCrossEntropyLoss(r).apply(in[0], in[1]),
          Generators.uniform(shape, 35, -3, 3).requiresGrad(), soft.detach().requiresGrad());
    }
  }
}
