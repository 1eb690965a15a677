package dev.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AnomalyModeTest {

  /** {@code sum(log(x * 2) + 1)}: log of the negative element is the first NaN. */
  private static Tensor smallGraph(Tensor x) {
    return x.mul(2).log().add(1).sum();
  }

  private static Tensor x() {
    return Tensor.of(new double[] {1, -2, 3}).requiresGrad().named("x");
  }

  @Test
  void logOfANegativeNumberNamesTheOpCountsAndInputStatistics() {
    AnomalyException e;
    try (var on = AnomalyMode.on()) {
      e = assertThrows(AnomalyException.class, () -> smallGraph(x()));
    }
    String m = e.getMessage();
    assertTrue(m.contains("Log produced NaN or Inf"), m);
    assertTrue(m.contains("output (3,) float64 has 1 NaN and 0 Inf"), m);
    // The input of Log is x * 2 = [2, -4, 6].
    assertTrue(m.contains("input 0 (3,) float64: min -4 max 6 mean 1.333 norm 7.483 nan 0 inf 0"), m);
    assertEquals("Log", e.tensor().gradFn().name());
    assertTrue(Double.isNaN(e.tensor().toDoubleArray()[1]));
  }

  @Test
  void theFirstOpWinsNotALaterOneConsumingTheNan() {
    try (var on = AnomalyMode.on()) {
      AnomalyException e = assertThrows(AnomalyException.class, () -> x().sqrt().neg().exp());
      assertTrue(e.getMessage().startsWith("anomaly: Sqrt produced"), e.getMessage());
    }
  }

  /** A NaN in the data has no op that produced it: the op that receives it is where it entered. */
  @Test
  void aNanInADataTensorIsReportedWhereItEnters() {
    Tensor data = Tensor.of(new double[] {1, 2, Double.NaN, 4, 5, 6}, 2, 3);
    Tensor w = Tensor.of(new double[] {1, 0, 0, 1, 1, 1}, 3, 2).requiresGrad();
    AnomalyException e;
    try (var on = AnomalyMode.on()) {
      e = assertThrows(AnomalyException.class, () -> data.matmul(w).relu().sum());
    }
    assertTrue(e.getMessage().startsWith("anomaly: NaN entered through input 0 of MatMul: a leaf (data) tensor of"
        + " shape (2, 3) float64 holding 1 NaN and 0 Inf; input 0 (2, 3) float64: min 1 max 6"), e.getMessage());
    assertEquals("MatMul", e.tensor().gradFn().name());
    assertTrue(e.dump().toText().contains("MatMul (op0): dL/dA = g B^T, dL/dB = A^T g  <-- NaN entered here"
        + " (input 0)"), e.dump().toText());
  }

  @Test
  void anInfinityInTheDataIsReportedToo() {
    try (var on = AnomalyMode.on()) {
      Tensor data = Tensor.of(new double[] {Double.NEGATIVE_INFINITY, 1});
      AnomalyException e = assertThrows(AnomalyException.class, () -> data.mul(2));
      assertTrue(e.getMessage().startsWith("anomaly: Inf entered through input 0 of Mul: a leaf (data) tensor of"
          + " shape (2,) float64 holding 0 NaN and 1 Inf"), e.getMessage());
    }
  }

  @Test
  void aNanComputedOutsideAnomalyModeIsReportedWhereItEnters() {
    Tensor logged = x().log(); // NaN at -2, made before anomaly mode was on
    try (var on = AnomalyMode.on()) {
      AnomalyException e = assertThrows(AnomalyException.class, () -> logged.add(1));
      assertTrue(e.getMessage().startsWith("anomaly: NaN entered through input 0 of Add: the output of Log,"
          + " computed outside anomaly mode, of shape (3,) float64 holding 1 NaN"), e.getMessage());
    }
  }

  /**
   * sqrt's gradient at 0 is 1 / (2 sqrt 0) = inf: the op to blame is Sqrt, whose rule it is, not the Div that
   * rule is written with (which anomaly mode used to name).
   */
  @Test
  void aNanMadeOnlyInBackwardNamesTheOpWhoseBackwardMadeIt() {
    Tensor x = Tensor.of(new double[] {0, 4}).requiresGrad().named("x");
    Tensor y = x.sqrt().mul(3).sum();
    AnomalyException e;
    try (var on = AnomalyMode.on()) {
      e = assertThrows(AnomalyException.class, y::backward);
    }
    assertTrue(e.getMessage().startsWith("anomaly: the backward of Sqrt produced NaN or Inf from a finite upstream"
        + " gradient: the gradient for input 0 (2,) float64 has 0 NaN and 1 Inf; upstream gradient (2,): min 3"
        + " max 3"), e.getMessage());
    assertTrue(e.getMessage().contains("; input 0 x (2,) float64: min 0 max 4"), e.getMessage());
    assertEquals("Sqrt", e.tensor().gradFn().name());
    assertTrue(e.dump().toText().contains("Sqrt (op0): dy/dx = 1/(2y)  <-- Inf produced here by backward"),
        e.dump().toText());
  }

  /** The walker's own sums and casts carry a NaN a rule made; they are not blamed for it. */
  @Test
  void aNanUpstreamGradientIsNotBlamedOnTheWalker() {
    Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad();
    Tensor y = x.mul(x).add(x.exp());
    try (var on = AnomalyMode.on()) {
      y.backward(Tensor.of(new double[] {Double.POSITIVE_INFINITY, 1}));
    }
    assertTrue(Double.isInfinite(x.grad().get(0)), x.grad().toString());
  }

  @Test
  void infFromExpIsFlagged() {
    try (var on = AnomalyMode.on()) {
      Tensor big = Tensor.of(new double[] {1000, 0}).requiresGrad();
      AnomalyException e = assertThrows(AnomalyException.class, () -> big.exp().sum());
      assertTrue(e.getMessage().contains("Exp produced NaN or Inf"), e.getMessage());
      assertTrue(e.getMessage().contains("has 0 NaN and 1 Inf"), e.getMessage());
      assertTrue(e.dump().toText().contains("<-- Inf produced here"), e.dump().toText());
    }
  }

  @Test
  void offByDefaultTheSameCodeReturnsNanSilently() {
    assertFalse(AnomalyMode.isEnabled());
    Tensor loss = smallGraph(x());
    assertTrue(Double.isNaN(loss.item()));
  }

  @Test
  void scopesRestoreThePreviousMode() {
    try (var on = AnomalyMode.on()) {
      assertTrue(AnomalyMode.isEnabled());
      try (var off = AnomalyMode.off()) {
        assertFalse(AnomalyMode.isEnabled());
        assertTrue(Double.isNaN(smallGraph(x()).item()));
      }
      assertTrue(AnomalyMode.isEnabled());
      assertTrue(GradMode.isEnabled());
    }
    assertFalse(AnomalyMode.isEnabled());
  }

  @Test
  void theDumpMarksTheOffendingNode() {
    AnomalyException e;
    try (var on = AnomalyMode.on()) {
      e = assertThrows(AnomalyException.class, () -> smallGraph(x()));
    }
    String text = e.dump().toText();
    assertTrue(text.contains("Log (op1): dy/dx = 1/x  <-- NaN produced here\n"), text);
    assertEquals(1, text.split("<--", -1).length - 1, text);
    String dot = e.dump().toDot();
    assertTrue(dot.contains("op1 [shape=ellipse, style=filled, fillcolor=\"#fff2cc\", color=red, penwidth=3, label=\"Log"),
        dot);
  }

  @Test
  void theOffendingOpIsRecordedEvenWithGradModeOff() {
    try (var on = AnomalyMode.on(); var off = GradMode.off()) {
      AnomalyException e = assertThrows(AnomalyException.class, () -> Tensor.of(new double[] {-1}).log());
      assertSame(e.tensor(), e.tensor().gradFn().output());
      assertTrue(e.dump().toText().contains("<-- NaN produced here"), e.dump().toText());
    }
  }
}
