package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autodiff.Tensor;

/** Small helpers for nn tests: FLOAT64 leaves for gradient checks and element-wise comparisons. */
public final class Tensors {
  private Tensors() {}

  /** A FLOAT64 leaf with the values of {@code t}, marked requiresGrad: a GradCheck input. */
  public static Tensor float64Leaf(Tensor t) {
    return Tensor.of(t.toDoubleArray(), t.shape().dims()).requiresGrad();
  }

  /** Asserts the shape and every value of {@code actual} within {@code tolerance}. */
  public static void assertValues(double[] expected, int[] shape, Tensor actual, double tolerance) {
    assertArrayEquals(shape, actual.shape().dims(), "shape");
    double[] got = actual.toDoubleArray();
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], got[i], tolerance, "element " + i);
    }
  }
}
