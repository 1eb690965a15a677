package dev.chainrule.autodiff.dump;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackwardTraceTest {

  /** L = 0.25 * (w1 * x + b) at w1 = 3, x = 2, b = 1. */
  private static Tensor linear(Tensor w1, Tensor b) {
    Tensor x = Tensor.scalar(DType.FLOAT64, 2).named("x");
    Tensor u = w1.mul(x).named("u");
    Tensor z1 = u.add(b).named("z1");
    return z1.mul(0.25).named("L");
  }

  private static Tensor scalarLeaf(String name, double value) {
    return Tensor.scalar(DType.FLOAT64, value).named(name).requiresGrad();
  }

  @Test
  void narratesAScalarGraphAsTheChainRule() {
    Tensor w1 = scalarLeaf("w1", 3);
    Tensor b = scalarLeaf("b", 1);
    Tensor loss = linear(w1, b);
    BackwardTrace trace = BackwardTrace.record(loss::backward);
    // By hand: dL/dz1 = 0.25; z1 = u + b passes it on unchanged; du/dw1 = x = 2, so dL/dw1 = 0.5.
    assertEquals(List.of(
        "dL/dL = 1.0",
        "dL/dz1 += dL/dL * dL/dz1 = 1.0 * 0.25 = 0.25  (Mul)",
        "dL/du += dL/dz1 * dz1/du = 0.25 * 1.0 = 0.25  (Add)",
        "dL/db += dL/dz1 * dz1/db = 0.25 * 1.0 = 0.25  (Add)",
        "dL/dw1 += dL/du * du/dw1 = 0.25 * 2.0 = 0.5  (Mul)",
        "dL/db = 0.25",
        "dL/dw1 = 0.5"), trace.lines());
    assertEquals(String.join("\n", trace.lines()), trace.toString());
  }

  @Test
  void unnamedTensorsGetIdsInWalkOrder() {
    Tensor w = Tensor.scalar(DType.FLOAT64, 3).requiresGrad();
    BackwardTrace trace = BackwardTrace.record(() -> w.mul(w.mul(2)).backward());
    // L = w * (2w): the outer Mul sends 2w = 6 to w and w = 3 to t2 = 2w; then t2 sends 3 * 2 = 6 to w.
    assertEquals(List.of(
        "dL/dL = 1.0",
        "dL/dt2 += dL/dL * dL/dt2 = 1.0 * 6.0 = 6.0  (Mul)",
        "dL/dt3 += dL/dL * dL/dt3 = 1.0 * 3.0 = 3.0  (Mul)",
        "dL/dt2 += dL/dt3 * dt3/dt2 = 3.0 * 2.0 = 6.0  (Mul)",
        "dL/dt2 = 12.0"), trace.lines());
  }

  @Test
  void fanOutGivesOneLinePerUse() {
    Tensor x = scalarLeaf("x", 3);
    BackwardTrace trace = BackwardTrace.record(() -> x.mul(x).named("y").backward());
    assertEquals(List.of(
        "dy/dy = 1.0",
        "dy/dx += dy/dy * dy/dx = 1.0 * 3.0 = 3.0  (Mul)",
        "dy/dx += dy/dy * dy/dx = 1.0 * 3.0 = 3.0  (Mul)",
        "dy/dx = 6.0"), trace.lines());
    assertEquals(2, trace.steps().size());
    assertEquals(1, trace.steps().get(1).inputIndex());
  }

  @Test
  void tensorStepsShowTheFormulaWithShapesThenOpAndNorms() {
    Tensor w = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).named("W").requiresGrad();
    Tensor x = Tensor.ones(3, 4).named("X");
    Tensor z = w.matmul(x).named("Z");
    BackwardTrace trace = BackwardTrace.record(() -> z.sum().named("L").backward());
    // dL/dZ is ones(2, 4), norm sqrt(8); dL/dW = ones(2, 4) @ X^T = all 4, norm sqrt(6 * 16).
    assertEquals(List.of(
        "dL/dL = 1.0",
        "dL/dZ (2, 4) += expand(dL/dL () over axes [0, 1])  (Sum)  |dL/dL| = 1.0  |+=| = 2.82843",
        "dL/dW (2, 3) += dL/dZ (2, 4) @ X^T (4, 3)  (MatMul)  |dL/dZ| = 2.82843  |+=| = 9.79796",
        "dL/dW (2, 3) = [4.0, 4.0, 4.0, 4.0, 4.0, 4.0]"), trace.lines());
  }

  @Test
  void tracingDoesNotChangeGradients() {
    Tensor w1 = scalarLeaf("w1", 3);
    Tensor b = scalarLeaf("b", 1);
    linear(w1, b).backward();
    Tensor tw1 = scalarLeaf("w1", 3);
    Tensor tb = scalarLeaf("b", 1);
    Tensor loss = linear(tw1, tb);
    BackwardTrace.record(loss::backward);
    assertArrayEquals(w1.grad().toDoubleArray(), tw1.grad().toDoubleArray());
    assertArrayEquals(b.grad().toDoubleArray(), tb.grad().toDoubleArray());
  }

  @Test
  void nothingIsRecordedAfterTheTracedCall() {
    Tensor w1 = scalarLeaf("w1", 3);
    BackwardTrace trace = BackwardTrace.record(() -> linear(w1, scalarLeaf("b", 1)).backward());
    int steps = trace.steps().size();
    linear(w1, scalarLeaf("b", 1)).backward();
    assertEquals(steps, trace.steps().size());
    assertEquals(2, trace.leafTotals().size());
  }

  @Test
  void aFailingBodyLeavesNoListenerBehind() {
    assertThrows(IllegalStateException.class, () -> BackwardTrace.record(() -> {
      throw new IllegalStateException("boom");
    }));
    Tensor w1 = scalarLeaf("w1", 3);
    BackwardTrace later = BackwardTrace.record(() -> { });
    linear(w1, scalarLeaf("b", 1)).backward();
    assertTrue(later.steps().isEmpty());
    assertEquals(0.5, w1.grad().item());
  }

  @Test
  void formatsNumbersWithSixSignificantDigits() {
    assertEquals("0.0", TraceFormat.number(0));
    assertEquals("2.0", TraceFormat.number(2));
    assertEquals("-0.299432", TraceFormat.number(-0.29943181));
    assertEquals("0.1", TraceFormat.number(0.1f));
    assertEquals("1.50000e-07", TraceFormat.number(1.5e-7));
  }
}
