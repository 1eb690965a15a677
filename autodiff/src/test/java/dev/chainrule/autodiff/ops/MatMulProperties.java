package dev.chainrule.autodiff.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.testing.Generators;
import dev.chainrule.autodiff.testing.GradientProperty;
import dev.chainrule.autodiff.testing.SecondOrder;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class MatMulProperties {

  /**
   * Operand shapes for {@code matmul}: each side 1-D, 2-D or batched (batch dimensions from a broadcast pair,
   * so one side may lack them or have size-1 dimensions), with m, n, k in 1..5.
   */
  @Provide
  Arbitrary<Shape[]> operands() {
    Arbitrary<Integer> dim = Arbitraries.integers().between(1, 5);
    Arbitrary<Integer> kind = Arbitraries.integers().between(0, 2);
    return Combinators.combine(dim, dim, dim, kind, kind, Generators.broadcastPairs(2, 3))
        .as((m, n, k, ka, kb, batch) -> new Shape[] {operand(ka, batch[0], m, k, true),
            operand(kb, batch[1], k, n, false)});
  }

  /** Kind 0 is a vector of length {@code inner}, 1 a matrix, 2 a batch of matrices. */
  private static Shape operand(int kind, Shape batch, int rows, int cols, boolean left) {
    if (kind == 0) {
      return Shape.of(left ? cols : rows);
    }
    int[] b = kind == 1 ? new int[0] : batch.dims();
    int[] dims = Arrays.copyOf(b, b.length + 2);
    dims[b.length] = rows;
    dims[b.length + 1] = cols;
    return Shape.of(dims);
  }

  @Property(tries = 40)
  @GradientProperty(MatMul.class)
  void matmulGradientMatchesFiniteDifferences(@ForAll("operands") Shape[] shapes, @ForAll long seed) {
    Tensor a = Generators.uniform(shapes[0], seed, -2, 2).requiresGrad();
    Tensor b = Generators.uniform(shapes[1], seed + 1, -2, 2).requiresGrad();
    GradCheck.check(in -> in[0].matmul(in[1]), a, b);
  }

  @Property(tries = 30)
  @GradientProperty(MatMul.class)
  void transposedOperandFlagsGradientMatchesFiniteDifferences(@ForAll @IntRange(min = 1, max = 4) int m,
      @ForAll @IntRange(min = 1, max = 4) int n, @ForAll @IntRange(min = 1, max = 4) int k,
      @ForAll boolean transA, @ForAll boolean transB, @ForAll long seed) {
    Tensor a = Generators.uniform(transA ? Shape.of(2, k, m) : Shape.of(2, m, k), seed, -2, 2).requiresGrad();
    Tensor b = Generators.uniform(transB ? Shape.of(n, k) : Shape.of(k, n), seed + 1, -2, 2).requiresGrad();
    GradCheck.check(in -> new MatMul(transA, transB).apply(in[0], in[1]), a, b);
    Tensor explicitA = transA ? a.transpose(-1, -2) : a;
    Tensor explicitB = transB ? b.t() : b;
    assertArrayEquals(explicitA.matmul(explicitB).toDoubleArray(),
        new MatMul(transA, transB).apply(a, b).toDoubleArray(), 1e-12);
  }

  @Property(tries = 25)
  @GradientProperty(MatMul.class)
  void matmulSecondDerivativeMatchesFiniteDifferences(@ForAll("operands") Shape[] shapes, @ForAll long seed) {
    Tensor a = Generators.uniform(shapes[0], seed, -2, 2).requiresGrad();
    Tensor b = Generators.uniform(shapes[1], seed + 1, -2, 2).requiresGrad();
    // d/dA sum(w * (A @ B)) = w @ B^T depends on B only; its derivative with respect to B is the second one.
    GradCheck.check(SecondOrder.gradientOf(in -> in[0].matmul(in[1]), 0), a, b);
    GradCheck.check(SecondOrder.gradientOf(in -> in[0].matmul(in[1]), 1), a, b);
    // A product with both operands depending on x has a non-zero Hessian in x itself.
    if (shapes[0].rank() == 2 && shapes[1].rank() == 2) {
      GradCheck.check(SecondOrder.gradientOf(in -> in[0].matmul(in[0].t()), 0), a);
    }
  }

  @Property(tries = 40)
  void matmulEqualsANaiveTripleLoop(@ForAll("operands") Shape[] shapes, @ForAll long seed,
      @ForAll boolean float32) {
    DType dtype = float32 ? DType.FLOAT32 : DType.FLOAT64;
    Tensor a = Generators.uniform(shapes[0], seed, -2, 2).to(dtype);
    Tensor b = Generators.uniform(shapes[1], seed + 1, -2, 2).to(dtype);
    Tensor c = a.matmul(b);
    // Lift to rank >= 3 the NumPy way and loop over the broadcast batch.
    Shape as = lift(shapes[0], true);
    Shape bs = lift(shapes[1], false);
    int m = as.dim(-2);
    int k = as.dim(-1);
    int n = bs.dim(-1);
    Shape batch = Shape.broadcast("test", Shape.of(Arrays.copyOf(as.dims(), as.rank() - 2)),
        Shape.of(Arrays.copyOf(bs.dims(), bs.rank() - 2)));
    double[] expected = new double[batch.size() * m * n];
    for (int e = 0; e < batch.size(); e++) {
      int aBase = batchIndex(e, batch, as) * m * k;
      int bBase = batchIndex(e, batch, bs) * k * n;
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double acc = 0;
          for (int p = 0; p < k; p++) {
            acc += a.get(aBase + i * k + p) * b.get(bBase + p * n + j);
          }
          expected[(e * m + i) * n + j] = acc;
        }
      }
    }
    assertEquals(dtype, c.dtype());
    assertEquals(expected.length, c.size());
    assertArrayEquals(expected, c.toDoubleArray(), float32 ? 1e-5 : 1e-12);
    assertEquals(batch.rank() + (shapes[0].rank() == 1 ? 0 : 1) + (shapes[1].rank() == 1 ? 0 : 1), c.rank());
  }

  private static Shape lift(Shape s, boolean left) {
    return s.rank() == 1 ? (left ? Shape.of(1, s.dim(0)) : Shape.of(s.dim(0), 1)) : s;
  }

  /** The matrix index in an operand with batch dims (all but the last two of {@code s}) for batch element e. */
  private static int batchIndex(int e, Shape batch, Shape s) {
    int index = 0;
    int stride = 1;
    for (int i = batch.rank() - 1, j = s.rank() - 3; i >= 0; i--, j--) {
      int coordinate = e % batch.dim(i);
      e /= batch.dim(i);
      if (j >= 0) {
        index += (s.dim(j) == 1 ? 0 : coordinate) * stride;
        stride *= s.dim(j);
      }
    }
    return index;
  }

  @Example
  void twoByThreeTimesThreeByTwoWorkedByHand() {
    Tensor a = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}).requiresGrad();
    Tensor b = Tensor.of(new double[][] {{7, 8}, {9, 10}, {11, 12}}).requiresGrad();
    Tensor c = a.matmul(b);
    // [1*7 + 2*9 + 3*11, 1*8 + 2*10 + 3*12; 4*7 + 5*9 + 6*11, 4*8 + 5*10 + 6*12]
    assertArrayEquals(new double[] {58, 64, 139, 154}, c.toDoubleArray());
    assertEquals(Shape.of(2, 2), c.shape());
    c.sum().backward();
    // dA = 1 @ B^T: row sums of B; dB = A^T @ 1: column sums of A, repeated.
    assertArrayEquals(new double[] {15, 19, 23, 15, 19, 23}, a.grad().toDoubleArray());
    assertArrayEquals(new double[] {5, 5, 7, 7, 9, 9}, b.grad().toDoubleArray());
  }

  @Example
  void vectorCasesFollowNumPy() {
    Tensor v = Tensor.of(1.0, 2.0, 3.0);
    Tensor m = Tensor.of(new double[] {1, 0, 0, 1, 1, 1}, 3, 2);
    assertEquals(Shape.scalar(), v.matmul(v).shape());
    assertEquals(14.0, v.matmul(v).item());
    assertArrayEquals(new double[] {4, 5}, v.matmul(m).toDoubleArray());
    assertArrayEquals(new double[] {1, 2, 3}, m.matmul(Tensor.of(1.0, 2.0)).toDoubleArray());
    Tensor batched = Tensor.ones(DType.FLOAT64, 2, 1, 3, 4).matmul(Tensor.ones(DType.FLOAT64, 5, 4, 2));
    assertEquals(Shape.of(2, 5, 3, 2), batched.shape());
    assertEquals(4.0, batched.get(0));
    assertEquals(Shape.of(5, 2), v.matmul(Tensor.ones(DType.FLOAT64, 5, 3, 2)).shape());
  }

  @Example
  void batchBroadcastGradientsHaveTheOperandsShapes() {
    Tensor a = Tensor.ones(DType.FLOAT64, 2, 1, 3, 4).requiresGrad();
    Tensor b = Tensor.ones(DType.FLOAT64, 5, 4, 2).requiresGrad();
    a.matmul(b).sum().backward();
    assertEquals(a.shape(), a.grad().shape());
    assertEquals(b.shape(), b.grad().shape());
    assertEquals(10.0, a.grad().get(0)); // 5 batch copies x 2 columns
    assertEquals(6.0, b.grad().get(0)); // 2 batch copies x 3 rows
  }

  @Example
  void mismatchedInnerDimensionsAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tensor.zeros(64, 784).matmul(Tensor.zeros(100, 10)));
    assertEquals("matmul: shapes (64, 784) and (100, 10) cannot be multiplied (784 != 100)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3).matmul(Tensor.zeros(4)));
    assertEquals("matmul: shapes (3,) and (4,) cannot be multiplied (3 != 4)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Tensor.zeros(2, 3, 4).matmul(Tensor.zeros(3, 4, 5)));
    assertTrue(e.getMessage().startsWith("matmul: shapes (2, 3, 4) and (3, 4, 5) cannot be multiplied: their"
        + " batch dimensions (2,) and (3,)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Tensor.scalar(1).matmul(Tensor.zeros(2)));
    assertTrue(e.getMessage().startsWith("matmul: shapes () and (2,)"), e.getMessage());
  }
}
