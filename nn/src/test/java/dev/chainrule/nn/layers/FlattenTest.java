package dev.chainrule.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.testing.Generators;
import org.junit.jupiter.api.Test;

class FlattenTest {
  @Test
  void keepsTheBatchAxisAndTheRowMajorOrder() {
    Tensor x = Tensor.arange(24).reshape(2, 3, 4);
    Tensor y = new Flatten().forward(x);
    assertArrayEquals(new int[] {2, 12}, y.shape().dims());
    assertArrayEquals(x.toDoubleArray(), y.toDoubleArray());
    assertArrayEquals(new int[] {5, 3}, new Flatten().forward(Tensor.ones(5, 3)).shape().dims());
  }

  @Test
  void needsABatchAxis() {
    var e = assertThrows(IllegalArgumentException.class, () -> new Flatten().forward(Tensor.ones(4)));
    assertTrue(e.getMessage().contains("Flatten") && e.getMessage().contains("(4,)"), e.getMessage());
  }

  @Test
  void gradientChecksInFloat64() {
    GradCheck.check(in -> new Flatten().forward(in[0]),
        Generators.uniform(Shape.of(2, 2, 3), 3, -1, 1).requiresGrad());
  }
}
