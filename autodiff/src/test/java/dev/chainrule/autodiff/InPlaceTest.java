package dev.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
