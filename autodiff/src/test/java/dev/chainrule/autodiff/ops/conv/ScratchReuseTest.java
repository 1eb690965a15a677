package dev.chainrule.autodiff.ops.conv;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.testing.Generators;
import org.junit.jupiter.api.Test;

/**
 * The column matrix of a batch is per-thread scratch, reused by the next call rather than allocated per step,
 * and never shared with an output.
 */
class ScratchReuseTest {

  @Test
  void theColumnMatrixIsReusedAcrossCallsOnOneThread() {
    Tensor x = Generators.uniform(Shape.of(4, 3, 8, 8), 1, -1, 1).to(DType.FLOAT32);
    Tensor w = Generators.uniform(Shape.of(5, 3, 3, 3), 2, -1, 1).to(DType.FLOAT32);
    ConvOptions options = ConvOptions.defaults().padding(1);
    Tensor first = Conv.conv2d(x, w, options);
    Object columns = ConvArrays.of(DType.FLOAT32).scratch(ConvArrays.COLUMNS, 0);
    assertTrue(((float[]) columns).length >= 27 * 4 * 64, "the batch's columns (27, 4 * 64) were staged there");
    Tensor second = Conv.conv2d(x, w, options);
    assertSame(columns, ConvArrays.of(DType.FLOAT32).scratch(ConvArrays.COLUMNS, 0));
    assertNotSame(first.rawFloats(), second.rawFloats());
    assertNotSame(columns, second.rawFloats());
  }

  @Test
  void anotherThreadHasItsOwnScratch() throws InterruptedException {
    Object mine = ConvArrays.of(DType.FLOAT64).scratch(ConvArrays.STAGED, 16);
    Object[] theirs = new Object[1];
    Thread t = new Thread(() -> theirs[0] = ConvArrays.of(DType.FLOAT64).scratch(ConvArrays.STAGED, 16));
    t.start();
    t.join();
    assertNotSame(mine, theirs[0]);
  }
}
