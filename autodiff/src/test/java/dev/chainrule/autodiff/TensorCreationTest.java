package dev.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TensorCreationTest {

  @AfterEach
  void restoreDefaultType() {
    DType.setDefault(DType.FLOAT32);
  }

  @Test
  void javaArrayTypeDecidesTheDType() {
    assertEquals(DType.FLOAT32, Tensor.of(1f, 2f).dtype());
    assertEquals(DType.FLOAT64, Tensor.of(1.0, 2.0).dtype());
    Tensor m = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
    assertEquals(Shape.of(2, 3), m.shape());
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, m.toDoubleArray());
  }

  @Test
  void creationCopiesTheCallersArray() {
    double[] values = {1, 2};
    Tensor t = Tensor.of(values);
    values[0] = 99;
    assertEquals(1.0, t.get(0));
  }

  @Test
  void raggedRowsAreRejectedNamingTheRow() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tensor.of(new float[][] {{1, 2}, {3}}));
    assertTrue(e.getMessage().contains("row 1"), e.getMessage());
  }

  @Test
  void flatValuesMustFillTheShape() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tensor.of(new double[] {1, 2, 3}, 2, 2));
    assertTrue(e.getMessage().contains("(2, 2)"), e.getMessage());
  }

  @Test
  void factoriesFollowTheDefaultTypeSwitch() {
    assertEquals(DType.FLOAT32, Tensor.zeros(2).dtype());
    DType.setDefault(DType.FLOAT64);
    assertEquals(DType.FLOAT64, Tensor.zeros(2).dtype());
    assertEquals(DType.FLOAT64, Tensor.randn(new Rng(1), 3).dtype());
    assertEquals(DType.FLOAT64, Tensor.scalar(1).dtype());
  }

  @Test
  void theDefaultTypeIsPerThreadAndAScopeRestoresIt() throws Exception {
    try (var f64 = DType.defaultScope(DType.FLOAT64)) {
      assertEquals(DType.FLOAT64, Tensor.zeros(2).dtype());
      // Another thread, even one started inside the scope, keeps FLOAT32.
      var other = java.util.concurrent.Executors.newSingleThreadExecutor();
      try {
        assertEquals(DType.FLOAT32, other.submit(() -> Tensor.zeros(2).dtype()).get());
        other.submit(() -> DType.setDefault(DType.FLOAT64)).get();
        assertEquals(DType.FLOAT64, other.submit(DType::defaultType).get());
      } finally {
        other.shutdown();
      }
      try (var f32 = DType.defaultScope(DType.FLOAT32)) {
        assertEquals(DType.FLOAT32, Tensor.scalar(1).dtype());
      }
      assertEquals(DType.FLOAT64, Tensor.scalar(1).dtype());
    }
    assertEquals(DType.FLOAT32, DType.defaultType());
  }

  @Test
  void setDefaultOnOneThreadDoesNotReachAnother() throws Exception {
    Thread setter = new Thread(() -> DType.setDefault(DType.FLOAT64));
    setter.start();
    setter.join();
    assertEquals(DType.FLOAT32, Tensor.zeros(1).dtype());
  }

  @Test
  void rangesAndIdentity() {
    assertArrayEquals(new double[] {0, 1, 2, 3}, Tensor.arange(4).toDoubleArray());
    assertArrayEquals(new double[] {1, 1.5, 2, 2.5}, Tensor.arange(1, 3, 0.5).toDoubleArray());
    assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1}, Tensor.linspace(0, 1, 5).toDoubleArray());
    assertArrayEquals(new double[] {1, 0, 0, 1}, Tensor.eye(2).toDoubleArray());
    assertArrayEquals(new double[] {7, 7}, Tensor.full(7, 2).toDoubleArray());
    assertArrayEquals(new double[] {1, 1, 1}, Tensor.ones(3).toDoubleArray());
  }

  @Test
  void sameSeedGivesTheSameNumbers() {
    assertArrayEquals(Tensor.randn(new Rng(42), 100).toFloatArray(), Tensor.randn(new Rng(42), 100).toFloatArray());
    assertNotEquals(Tensor.randn(new Rng(42), 1).item(), Tensor.randn(new Rng(43), 1).item());
  }

  @Test
  void rngSequenceIsPinned() {
    // SplitMix64 of seed 0: the published reference value of its first output.
    assertEquals(0xe220a8397b1dcdafL, new Rng(0).nextLong());
  }

  @Test
  void randomDistributionsHaveTheirMoments() {
    Tensor normal = Tensor.randn(new Rng(7), 100_000).to(DType.FLOAT64);
    double mean = normal.sum().item() / 100_000;
    double var = normal.mul(normal).sum().item() / 100_000 - mean * mean;
    assertEquals(0, mean, 0.02);
    assertEquals(1, var, 0.02);
    Tensor u = Tensor.uniform(new Rng(7), -2, 4, 100_000).to(DType.FLOAT64);
    assertEquals(1, u.sum().item() / 100_000, 0.03);
    for (double v : u.toDoubleArray()) {
      assertTrue(v >= -2 && v < 4, "uniform value " + v + " outside [-2, 4)");
    }
  }

  @Test
  void itemNeedsExactlyOneElement() {
    assertEquals(3.0, Tensor.scalar(3).item());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Tensor.zeros(2).item());
    assertTrue(e.getMessage().contains("(2,)"), e.getMessage());
  }

  @Test
  void toStringShowsValuesShapeAndType() {
    assertEquals("tensor([[1.0000, 2.0000], [3.0000, 4.0000]], shape=(2, 2), dtype=float32)",
        Tensor.of(new float[][] {{1, 2}, {3, 4}}).toString());
    assertEquals("tensor(2.5000, shape=(), dtype=float64)", Tensor.scalar(DType.FLOAT64, 2.5).toString());
  }

  @Test
  void largeTensorsAreElided() {
    String text = Tensor.arange(5000).toString();
    assertTrue(text.startsWith("tensor([0.0000, 1.0000, 2.0000, ..., 4997.0000, 4998.0000, 4999.0000]"), text);
    assertTrue(text.length() < 200, text);
  }

  @Test
  void mixedTypesPromoteToFloat64() {
    Tensor sum = Tensor.of(1f, 2f).add(Tensor.of(0.5, 0.25));
    assertEquals(DType.FLOAT64, sum.dtype());
    assertArrayEquals(new double[] {1.5, 2.25}, sum.toDoubleArray());
    assertEquals(DType.FLOAT32, Tensor.of(1f).mul(2.0).dtype(), "a Java scalar does not promote");
  }
}
