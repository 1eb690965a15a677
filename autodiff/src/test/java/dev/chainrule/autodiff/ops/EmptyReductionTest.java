package dev.chainrule.autodiff.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The largest, smallest or arg-extreme of no elements is undefined: reducing an empty axis with max, min, argmax
 * or argmin is refused, naming the op, axis and shape (max used to return -inf, min +inf). A sum of no elements
 * is 0 (so a log-sum-exp of none is {@code -inf}), and reducing a non-empty axis of an empty tensor gives an
 * empty result, as in PyTorch.
 */
class EmptyReductionTest {

  private static String refused(Executable call) {
    return assertThrows(IllegalArgumentException.class, call).getMessage();
  }

  @Test
  void maxAndMinOfATensorWithNoElementsAreRefused() {
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Tensor empty = Tensor.zeros(dtype, 0);
      assertEquals("max: axis 0 of shape (0,) has size 0; the max of no elements is undefined",
          refused(empty::max));
      assertEquals("min: axis 0 of shape (0,) has size 0; the min of no elements is undefined",
          refused(empty::min));
    }
  }

  @Test
  void reducingAnEmptyAxisIsRefusedEvenWhenTheResultWouldBeEmpty() {
    Tensor x = Tensor.zeros(2, 0, 3);
    assertEquals("max: axis 1 of shape (2, 0, 3) has size 0; the max of no elements is undefined",
        refused(() -> x.max(new int[] {-2}, false)));
    assertEquals("min: axis 1 of shape (2, 0, 3) has size 0; the min of no elements is undefined",
        refused(() -> x.min(new int[] {0, 1}, true)));
    assertEquals("argmax: axis 1 of shape (2, 0, 3) has size 0; the argmax of no elements is undefined",
        refused(() -> x.argmax(1)));
    assertEquals("argmin: axis 1 of shape (2, 0, 3) has size 0; the argmin of no elements is undefined",
        refused(() -> x.argmin(-2)));
  }

  @Test
  void nonEmptyAxesOfAnEmptyTensorReduceToAnEmptyResult() {
    Tensor x = Tensor.zeros(0, 3);
    assertArrayEquals(new int[] {0}, x.max(new int[] {1}, false).shape().dims());
    assertArrayEquals(new int[] {0}, x.argmin(1).shape().dims());
  }

  @Test
  void theSumOfNoElementsIsZero() {
    assertEquals(0.0, Tensor.zeros(0).sum().item());
    assertArrayEquals(new double[] {0, 0}, Tensor.zeros(2, 0).sum(new int[] {1}, false).toDoubleArray());
  }

  @Test
  void theLogSumExpOfNoElementsIsTheLogOfAnEmptySum() {
    assertEquals(Double.NEGATIVE_INFINITY, Tensor.zeros(0).logSumExp(0, false).item());
  }
}
