package dev.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** INT64 and BOOL tensors: storage, printing, promotion, exact arithmetic, masks, and what they refuse. */
class IntegerTensorsTest {
  @Test
  void printsIntegersAndTrueFalse() {
    assertEquals("tensor([3, 0, -7], shape=(3,), dtype=int64)", Tensor.ofLongs(3, 0, -7).toString());
    assertEquals("tensor([True, False], shape=(2,), dtype=bool)", Tensor.of(true, false).toString());
  }

  @Test
  void promotionFollowsPyTorch() {
    assertEquals(DType.FLOAT32, DType.promote(DType.INT64, DType.FLOAT32));
    assertEquals(DType.FLOAT64, DType.promote(DType.FLOAT64, DType.BOOL));
    assertEquals(DType.INT64, DType.promote(DType.BOOL, DType.INT64));
    assertEquals(DType.BOOL, DType.promote(DType.BOOL, DType.BOOL));
    assertEquals(DType.FLOAT32, Tensor.ofLongs(1, 2).add(Tensor.of(0.5f, 0.5f)).dtype());
    assertEquals(DType.INT64, Tensor.ofLongs(1, 2).mul(3).dtype());
    // A fractional scalar makes the result floating, as PyTorch's int_tensor + 0.5.
    assertArrayEquals(new float[] {1.5f, 2.5f}, Tensor.ofLongs(1, 2).add(0.5).toFloatArray());
  }

  @Test
  void int64ArithmeticIsExactAndRefusesOverflow() {
    long big = (1L << 53) + 1; // not a double
    assertEquals(big + 2, Tensor.ofLongs(big).add(Tensor.ofLongs(2)).longItem());
    assertEquals(-big, Tensor.ofLongs(big).neg().longItem());
    var e = assertThrows(IllegalArgumentException.class,
        () -> Tensor.ofLongs(Long.MAX_VALUE).add(Tensor.ofLongs(1)));
    assertEquals("add: int64 overflow in 9223372036854775807 ADD 1", e.getMessage());
    // True division: integers divide in the default floating type.
    assertArrayEquals(new float[] {3.5f}, Tensor.ofLongs(7).div(Tensor.ofLongs(2)).toFloatArray());
    assertEquals(DType.INT64, Tensor.of(true, true, false).sum().dtype());
    assertEquals(2, Tensor.of(true, true, false).sum().longItem());
  }

  @Test
  void integerTensorsNeverRequireGrad() {
    var e = assertThrows(IllegalArgumentException.class, () -> Tensor.ofLongs(1).requiresGrad());
    assertEquals("requiresGrad: only floating tensors (float32, float64) can require a gradient; this tensor is"
        + " int64; convert it with to(DType.FLOAT32) first", e.getMessage());
    Tensor x = Tensor.of(1.5, -2.5).requiresGrad();
    Tensor truncated = x.to(DType.INT64);
    assertNull(truncated.gradFn(), "a cast to an integer type is a constant");
    assertArrayEquals(new long[] {1, -2}, truncated.toLongArray());
  }

  @Test
  void floatingOnlyOpsRefuseIntegersNamingTheOp() {
    var e = assertThrows(IllegalArgumentException.class, () -> Tensor.ofLongs(1, 2).exp());
    assertEquals("Exp: input 0 is int64 of shape (2,); this op needs float32 or float64 values (convert with"
        + " to(DType.FLOAT32))", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Tensor.ofLongs(1, 2).matmul(Tensor.ofLongs(1, 2)));
  }

  @Test
  void conversionsRefuseWhatNoIntegerHolds() {
    var e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(1.0, Double.NaN).to(DType.INT64));
    assertEquals("to(int64): element 1 is NaN, which no int64 can hold", e.getMessage());
    assertArrayEquals(new boolean[] {false, true, true}, Tensor.of(0.0, -0.5, Double.NaN).to(DType.BOOL)
        .toBooleanArray());
    assertThrows(IllegalArgumentException.class, () -> Tensor.full(DType.INT64, 0.5, 2));
  }

  @Test
  void comparisonsGiveBoolMasksThatSelect() {
    Tensor x = Tensor.of(-1.0, 2.0, Double.NaN, 4.0);
    Tensor positive = x.gt(0);
    assertEquals(DType.BOOL, positive.dtype());
    assertArrayEquals(new boolean[] {false, true, false, true}, positive.toBooleanArray());
    assertArrayEquals(new boolean[] {true, false, true, false}, positive.logicalNot().toBooleanArray());
    assertArrayEquals(new boolean[] {false, true, false, false}, positive.logicalAnd(x.lt(3)).toBooleanArray());
    assertArrayEquals(new boolean[] {true, true, false, true}, positive.logicalOr(x.lt(0)).toBooleanArray());
    Tensor y = Tensor.where(positive, x, Tensor.ofLongs(0));
    assertArrayEquals(new double[] {0, 2, 0, 4}, y.toDoubleArray());
    var e = assertThrows(IllegalArgumentException.class, () -> Tensor.where(Tensor.ofLongs(1), x, x));
    assertEquals("where: mask of shape (1,) is int64; a mask is bool (convert with ne(0) or to(DType.BOOL))",
        e.getMessage());
  }

  @Test
  void maskedFillFillsAndSendsNoGradientWhereFilled() {
    Tensor x = Tensor.of(1.0, 2.0, 3.0).requiresGrad();
    Tensor mask = Tensor.of(false, true, false);
    Tensor y = x.maskedFill(mask, Double.NEGATIVE_INFINITY);
    assertArrayEquals(new double[] {1, Double.NEGATIVE_INFINITY, 3}, y.toDoubleArray());
    y.backward(Tensor.of(10.0, 20.0, 30.0));
    assertArrayEquals(new double[] {10, 0, 30}, x.grad().toDoubleArray());
    assertThrows(IllegalArgumentException.class, () -> x.maskedFill(Tensor.of(0.0, 1.0, 0.0), 0));
  }

  @Test
  void argmaxIsExactInt64AndIndexesGatherAndIndexSelect() {
    Tensor x = Tensor.of(new double[][] {{1, 5, 2}, {7, 0, 7}});
    Tensor arg = x.argmax(1);
    assertEquals(DType.INT64, arg.dtype());
    assertArrayEquals(new long[] {1, 0}, arg.toLongArray());
    assertArrayEquals(new double[] {5, 7}, x.gather(1, arg.unsqueeze(1)).toDoubleArray());
    assertArrayEquals(new double[] {7, 0, 7, 1, 5, 2}, x.indexSelect(0, Tensor.ofLongs(1, 0)).toDoubleArray());
    assertArrayEquals(new double[] {0, 1, 0, 1, 0, 0}, Tensor.oneHot(arg, 3).toDoubleArray());
    assertEquals(DType.INT64, Tensor.arange(DType.INT64, 4).dtype());
  }
}
