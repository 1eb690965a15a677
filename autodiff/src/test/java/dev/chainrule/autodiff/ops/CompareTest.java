package dev.chainrule.autodiff.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;

class CompareTest {
  private static final Tensor A = Tensor.of(new double[] {1, 2, 3, Double.NaN}, 4, 1);
  private static final Tensor B = Tensor.of(new double[] {2, 2, Double.NaN});

  /** Each comparison of the column {@code A} (4, 1) against the row {@code B} (3,), row-major (4, 3). */
  private static Map<String, double[]> expected() {
    Map<String, double[]> e = new LinkedHashMap<>();
    e.put("gt", new double[] {0, 0, 0, /**/ 0, 0, 0, /**/ 1, 1, 0, /**/ 0, 0, 0});
    e.put("ge", new double[] {0, 0, 0, /**/ 1, 1, 0, /**/ 1, 1, 0, /**/ 0, 0, 0});
    e.put("lt", new double[] {1, 1, 0, /**/ 0, 0, 0, /**/ 0, 0, 0, /**/ 0, 0, 0});
    e.put("le", new double[] {1, 1, 0, /**/ 1, 1, 0, /**/ 0, 0, 0, /**/ 0, 0, 0});
    e.put("eq", new double[] {0, 0, 0, /**/ 1, 1, 0, /**/ 0, 0, 0, /**/ 0, 0, 0});
    e.put("ne", new double[] {1, 1, 1, /**/ 0, 0, 1, /**/ 1, 1, 1, /**/ 1, 1, 1});
    return e;
  }

  private static Map<String, BinaryOperator<Tensor>> comparisons() {
    Map<String, BinaryOperator<Tensor>> ops = new LinkedHashMap<>();
    ops.put("gt", Tensor::gt);
    ops.put("ge", Tensor::ge);
    ops.put("lt", Tensor::lt);
    ops.put("le", Tensor::le);
    ops.put("eq", Tensor::eq);
    ops.put("ne", Tensor::ne);
    return ops;
  }

  @Test
  void comparisonsBroadcastAndTreatNaNAsUnordered() {
    Map<String, double[]> expected = expected();
    comparisons().forEach((name, op) -> {
      Tensor y = op.apply(A, B);
      assertEquals(Shape.of(4, 3), y.shape(), name);
      assertArrayEquals(expected.get(name), y.toDoubleArray(), name);
    });
  }

  @Test
  void scalarOverloadsCompareWithEveryElement() {
    Tensor x = Tensor.of(new double[] {1, 2, 3});
    assertArrayEquals(new double[] {0, 0, 1}, x.gt(2).toDoubleArray());
    assertArrayEquals(new double[] {0, 1, 1}, x.ge(2).toDoubleArray());
    assertArrayEquals(new double[] {1, 0, 0}, x.lt(2).toDoubleArray());
    assertArrayEquals(new double[] {1, 1, 0}, x.le(2).toDoubleArray());
    assertArrayEquals(new double[] {0, 1, 0}, x.eq(2).toDoubleArray());
    assertArrayEquals(new double[] {1, 0, 1}, x.ne(2).toDoubleArray());
  }

  @Test
  void comparisonsNeverRecordEvenWhenInputsRequireGrad() {
    Tensor a = Tensor.of(new double[] {1, 2}).requiresGrad();
    Tensor b = Tensor.of(new double[] {2, 1}).requiresGrad();
    comparisons().forEach((name, op) -> {
      Tensor mask = op.apply(a, b);
      assertNull(mask.gradFn(), name);
      assertFalse(mask.needsGrad(), name);
    });
    assertNull(a.mul(b).gt(0).gradFn(), "a comparison of a recorded tensor is still a constant");
  }

  @Test
  void comparisonsAreBoolComputedInThePromotedType() {
    Tensor f = Tensor.of(1f, 2f);
    assertEquals(DType.BOOL, f.gt(1).dtype());
    assertEquals(DType.BOOL, f.gt(Tensor.ofLongs(1)).dtype());
    assertArrayEquals(new boolean[] {false, true}, f.gt(Tensor.ofLongs(1)).toBooleanArray());
    // 16777217 is not a float32: compared in float64 it is greater than 16777216f, in float32 it would be equal.
    Tensor big = Tensor.of(16777216f);
    assertArrayEquals(new boolean[] {true}, Tensor.of(16777217.0).gt(big).toBooleanArray());
    assertArrayEquals(new boolean[] {true}, Tensor.ofLongs(16777217).gt(Tensor.ofLongs(16777216)).toBooleanArray());
  }
}
