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
      Tensor nan = Tensor.of(new double[] {Double.NaN, 1});
      Tensor y = nan.add(1).mul(3);   // NaN in, NaN out: not blamed
      assertTrue(Double.isNaN(y.toDoubleArray()[0]));
      AnomalyException e = assertThrows(AnomalyException.class, () -> x().sqrt().neg().exp());
      assertTrue(e.getMessage().startsWith("anomaly: Sqrt produced"), e.getMessage());
    }
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
