package dev.chainrule.autodiff.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.ReduceOp;
import org.junit.jupiter.api.Test;

/**
 * {@link Compare}, {@link ArgReduce} and {@link OneHot} have no gradient: their results are constants, and they
 * record no node even when their inputs require grad, so the graph stops there.
 */
class NonDifferentiableOpsTest {
  private final Tensor x = Tensor.of(new double[] {3, -1, 2, 5, 5, 0}, 2, 3).requiresGrad();

  @Test
  void compareRecordsNothing() {
    Tensor mask = Compare.gt(x, Tensor.scalar(2));
    assertNull(mask.gradFn());
    assertFalse(mask.needsGrad());
    assertArrayEquals(new double[] {1, 0, 0, 1, 1, 0}, mask.toDoubleArray());
  }

  @Test
  void argReduceRecordsNothingAndPicksTheFirstOfTies() {
    Tensor argmax = ArgReduce.apply(ReduceOp.MAX, x, 1);
    assertNull(argmax.gradFn());
    assertArrayEquals(new double[] {0, 0}, argmax.toDoubleArray());
    assertArrayEquals(new double[] {1, 2}, ArgReduce.apply(ReduceOp.MIN, x, 1).toDoubleArray());
  }

  @Test
  void oneHotRecordsNothing() {
    Tensor labels = Tensor.ofLongs(2, 0);
    Tensor encoded = OneHot.of(labels, 3);
    assertNull(encoded.gradFn());
    assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0}, encoded.toDoubleArray());
  }
}
