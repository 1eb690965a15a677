package dev.chainrule.autodiff.kernel;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Selection of the vector kernels and their checks of the caller's sizes and offsets. */
class VectorKernelsTest {
  private final Kernels kernels = VectorKernels.INSTANCE;

  @Test
  void selectedWhenTheModuleIsPresent() {
    assertTrue(KernelSelection.vectorModulePresent());
    assertSame(VectorKernels.INSTANCE, Kernels.get());
    assertTrue(kernels.name().startsWith("vector ("), kernels.name());
  }

  @Test
  void rejectsRangesOutsideTheArrays() {
    float[] x = new float[4];
    assertThrows(IllegalArgumentException.class, () -> kernels.unary(UnaryOp.EXP, 0, x, 1, x, 0, 4));
    assertThrows(IllegalArgumentException.class, () -> kernels.unary(UnaryOp.EXP, 0, x, 0, x, 0, -1));
    assertThrows(IllegalArgumentException.class,
        () -> kernels.binary(BinaryOp.ADD, x, 4, true, x, 0, false, x, 0, 4));
    assertThrows(IllegalArgumentException.class, () -> kernels.reduce(ReduceOp.SUM, x, 2, 2, 2, x));
    assertThrows(IllegalArgumentException.class, () -> kernels.argReduce(ReduceOp.SUM, x, 1, 4, 1, new int[1]));
    assertThrows(IllegalArgumentException.class, () -> kernels.gemm(2, 2, 2, x, 1, false, x, 0, false, x, 0));
    assertThrows(IllegalArgumentException.class, () -> kernels.gemm(-1, 2, 2, x, 0, false, x, 0, false, x, 0));
  }

  @Test
  void threadsMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> Parallelism.setThreads(0));
  }
}
