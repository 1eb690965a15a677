package dev.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.function.Executable;

import org.junit.jupiter.api.Test;

class InPlaceTest {

  @Test
  void subInPlaceUpdatesValuesAndBumpsTheVersion() {
    Tensor w = Tensor.of(new double[] {1, 2, 3}).requiresGrad();
    try (var off = GradMode.off()) {
      w.subInPlace(Tensor.scalar(DType.FLOAT64, 0.5));
    }
    assertArrayEquals(new double[] {0.5, 1.5, 2.5}, w.toDoubleArray());
    assertEquals(1, w.version());
  }

  @Test
  void copyFromBroadcastsAndConvertsType() {
    Tensor w = Tensor.zeros(DType.FLOAT32, 2, 2);
    w.copyFrom(Tensor.of(new double[] {7, 8}));
    assertArrayEquals(new float[] {7, 8, 7, 8}, w.toFloatArray());
  }

  @Test
  void leafThatRequiresGradCannotChangeWhileRecording() {
    Tensor w = Tensor.of(new double[] {1, 2}).requiresGrad();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.subInPlace(w));
    assertTrue(e.getMessage().contains("GradMode.off()"), e.getMessage());
  }

  @Test
  void backwardRefusesASavedTensorChangedAfterForward() {
    Tensor w = Tensor.of(new double[] {1, 2}).requiresGrad();
    Tensor x = Tensor.of(new double[] {3, 4}).requiresGrad();
    Tensor loss = w.mul(x).sum();
    try (var off = GradMode.off()) {
      w.subInPlace(Tensor.scalar(DType.FLOAT64, 1));
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
    assertTrue(e.getMessage().contains("Mul") && e.getMessage().contains("modified in place"), e.getMessage());
  }

  @Test
  void shapeThatDoesNotBroadcastToTheTargetIsRejected() {
    Tensor w = Tensor.zeros(DType.FLOAT64, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> w.copyFrom(Tensor.zeros(DType.FLOAT64, 3, 2)));
    assertTrue(e.getMessage().contains("(3, 2)") && e.getMessage().contains("(2,)"), e.getMessage());
  }

  @Test
  void maxRefusesAnInputChangedAfterForward() {
    Tensor w = Tensor.of(new double[] {1, 2}).requiresGrad();
    Tensor loss = w.max();
    try (var off = GradMode.off()) {
      w.copyFrom(Tensor.of(new double[] {5, 0}));
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
    assertTrue(e.getMessage().startsWith("Max: saved tensor 0"), e.getMessage());
  }

  @Test
  void updatesComputeTheirFormulasAndEachBumpsTheVersionOnce() {
    Tensor w = Tensor.of(new double[] {1, 2, 4});
    Tensor a = Tensor.of(new double[] {2, 3, 4});
    Tensor b = Tensor.of(new double[] {4, 9, 16});
    w.addInPlace(a);
    assertArrayEquals(new double[] {3, 5, 8}, w.toDoubleArray());
    w.addInPlace(a, -0.5);
    assertArrayEquals(new double[] {2, 3.5, 6}, w.toDoubleArray());
    w.mulAddInPlace(0.5, b, 0.25);
    assertArrayEquals(new double[] {2, 4, 7}, w.toDoubleArray());
    w.mulInPlace(2);
    assertArrayEquals(new double[] {4, 8, 14}, w.toDoubleArray());
    w.mulInPlace(a);
    assertArrayEquals(new double[] {8, 24, 56}, w.toDoubleArray());
    w.addcmulInPlace(a, b, -0.5);
    assertArrayEquals(new double[] {4, 10.5, 24}, w.toDoubleArray());
    w.addcdivInPlace(b, a, 2);
    assertArrayEquals(new double[] {8, 16.5, 32}, w.toDoubleArray());
    w.mulAddcmulInPlace(0.5, a, a, 1);
    assertArrayEquals(new double[] {8, 17.25, 32}, w.toDoubleArray());
    w.addcdivSqrtInPlace(a, b, -3, 0.5, 1);
    assertArrayEquals(new double[] {8 - 6.0 / 5, 17.25 - 9.0 / 7, 32 - 12.0 / 9}, w.toDoubleArray(), 1e-15);
    w.maximumInPlace(Tensor.of(new double[] {100, 0, Double.NaN}));
    assertArrayEquals(new double[] {100, 17.25 - 9.0 / 7, Double.NaN}, w.toDoubleArray(), 1e-15);
    w.copyFrom(a);
    assertArrayEquals(new double[] {2, 3, 4}, w.toDoubleArray());
    w.subInPlace(a);
    assertArrayEquals(new double[] {0, 0, 0}, w.toDoubleArray());
    assertEquals(12, w.version());
  }

  @Test
  void floatUpdatesRoundLikeFloatArithmetic() {
    Tensor w = Tensor.of(new float[] {1f, 2f});
    w.mulAddInPlace(0.9, Tensor.of(new float[] {0.5f, 0.25f}), 0.1);
    assertArrayEquals(new float[] {0.9f * 1f + 0.1f * 0.5f, 0.9f * 2f + 0.1f * 0.25f}, w.toFloatArray());
  }

  @Test
  void aScalarOperandBroadcastsAndMayHaveTheOtherType() {
    Tensor w = Tensor.ones(DType.FLOAT32, 2, 3);
    w.addcmulInPlace(Tensor.of(new double[] {1, 2, 3}), Tensor.scalar(DType.FLOAT64, 2), 0.5);
    assertArrayEquals(new float[] {2, 3, 4, 2, 3, 4}, w.toFloatArray());
  }

  @Test
  void everyUpdateRefusesALeafThatRequiresGradWhileRecording() {
    Tensor w = Tensor.of(new double[] {1, 2}).requiresGrad();
    Tensor g = Tensor.of(new double[] {1, 1});
    List<Executable> updates = List.of(
        () -> w.addInPlace(g), () -> w.addInPlace(g, 2), () -> w.mulAddInPlace(1, g, 1), () -> w.mulInPlace(2),
        () -> w.mulInPlace(g), () -> w.maximumInPlace(g), () -> w.addcmulInPlace(g, g, 1),
        () -> w.mulAddcmulInPlace(1, g, g, 1),
        () -> w.addcdivInPlace(g, g, 1), () -> w.addcdivSqrtInPlace(g, g, 1, 1, 0), () -> w.copyFrom(g));
    for (var update : updates) {
      IllegalStateException e = assertThrows(IllegalStateException.class, update);
      assertTrue(e.getMessage().contains("GradMode.off()"), e.getMessage());
    }
    assertEquals(0, w.version());
    assertArrayEquals(new double[] {1, 2}, w.toDoubleArray());
  }

  @Test
  void anOpOutputCannotChangeInPlaceEvenWithGradModeOff() {
    Tensor w = Tensor.of(new double[] {1, 2}).requiresGrad();
    Tensor y = w.mul(2);
    try (var off = GradMode.off()) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.addInPlace(w, 1));
      assertTrue(e.getMessage().contains("part of a graph"), e.getMessage());
    }
  }

  @Test
  void aRejectedOperandLeavesTheVersionUnchanged() {
    Tensor w = Tensor.zeros(DType.FLOAT64, 2);
    assertThrows(IllegalArgumentException.class, () -> w.addcdivInPlace(w, Tensor.zeros(DType.FLOAT64, 3), 1));
    assertEquals(0, w.version());
  }
}
