package dev.chainrule.autodiff.ops.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.testing.Generators;
import org.junit.jupiter.api.Test;

/**
 * A NaN pixel makes NaN exactly the outputs whose window covers it, even where the weight tap is zero
 * ({@code 0 * NaN = NaN}); every other output stays a number. The padding never turns into NaN.
 */
class ConvNanTest {

  @Test
  void aNanPixelReachesExactlyTheWindowsThatCoverIt() {
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      double[] v = Generators.uniform(Shape.of(1, 1, 5, 5), 3, -1, 1).toDoubleArray();
      v[2 * 5 + 3] = Double.NaN; // pixel (2, 3)
      Tensor x = Tensor.of(v, 1, 1, 5, 5).to(dtype);
      Tensor w = Tensor.zeros(dtype, 1, 1, 3, 3);
      Tensor y = Conv.conv2d(x, w, ConvOptions.defaults().padding(1));
      // Output (oh, ow) covers rows oh-1..oh+1 and columns ow-1..ow+1.
      for (int oh = 0; oh < 5; oh++) {
        for (int ow = 0; ow < 5; ow++) {
          boolean covers = Math.abs(oh - 2) <= 1 && Math.abs(ow - 3) <= 1;
          assertEquals(covers, Double.isNaN(y.get(oh * 5 + ow)), dtype + " output (" + oh + ", " + ow + ")");
        }
      }
      // Transposed, stride 2: input pixel (2, 3) scatters to rows 3..5 and columns 5..7 of the 9 x 9 output.
      Tensor t = Conv.convTranspose2d(x, w, ConvOptions.defaults().stride(2).padding(1));
      assertEquals(Shape.of(1, 1, 9, 9), t.shape());
      for (int oh = 0; oh < 9; oh++) {
        for (int ow = 0; ow < 9; ow++) {
          boolean reached = oh >= 3 && oh <= 5 && ow >= 5 && ow <= 7;
          assertEquals(reached, Double.isNaN(t.get(oh * 9 + ow)), dtype + " transposed (" + oh + ", " + ow + ")");
        }
      }
    }
  }
}
