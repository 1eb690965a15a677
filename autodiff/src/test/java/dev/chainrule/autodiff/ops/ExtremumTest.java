package dev.chainrule.autodiff.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.ReduceOp;
import org.junit.jupiter.api.Test;

/** {@link Extremum}: the values of max and min, and the backward that splits the gradient among ties. */
class ExtremumTest {

  @Test
  void gradientIsSplitEvenlyAmongTiedMaxima() {
    Tensor x = Tensor.of(new double[] {1, 4, 4, 2, 0, 2}, 2, 3);
    Extremum max = Extremum.of(ReduceOp.MAX, "max", x, new int[] {1}, false);
    assertArrayEquals(new double[] {4, 2}, max.value().toDoubleArray());
    Tensor g = Tensor.of(new double[] {10, 6});
    assertArrayEquals(new double[] {0, 5, 5, 3, 0, 3}, max.backward(g, x).toDoubleArray());
  }

  @Test
  void minOverAllAxesKeepsDimsWhenAsked() {
    Tensor x = Tensor.of(new double[] {3, -1, 2, -1}, 2, 2);
    Extremum min = Extremum.of(ReduceOp.MIN, "min", x, new int[] {0, 1}, true);
    assertArrayEquals(new int[] {1, 1}, min.value().shape().dims());
    assertArrayEquals(new double[] {0, 0.5, 0, 0.5},
        min.backward(Tensor.of(new double[] {1}, 1, 1), x).toDoubleArray());
  }
}
