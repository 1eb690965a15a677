package dev.chainrule.autodiff.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.testing.Generators;
import dev.chainrule.autodiff.testing.GradientProperty;
import dev.chainrule.autodiff.testing.SecondOrder;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ReductionProperties {

  @Provide
  Arbitrary<Shape> shapes() {
    return Generators.shapes(4, 3);
  }

  @Provide
  Arbitrary<Shape> nonScalarShapes() {
    return Generators.nonScalarShapes(4, 3);
  }

  /** Axes picked by the low bits of {@code seed}, some of them written as negative axes. */
  private static int[] axes(Shape shape, long seed) {
    return IntStream.range(0, shape.rank()).filter(i -> ((seed >> i) & 1) == 1)
        .map(i -> ((seed >> (8 + i)) & 1) == 1 ? i - shape.rank() : i).toArray();
  }

  /** One axis of a non-scalar shape from {@code seed}, negative half of the time. */
  private static int axis(Shape shape, long seed) {
    int a = Math.floorMod(seed, shape.rank());
    return ((seed >> 16) & 1) == 1 ? a - shape.rank() : a;
  }

  @Property(tries = 40)
  @GradientProperty(Max.class)
  void maxGradientMatchesFiniteDifferences(@ForAll("shapes") Shape shape, @ForAll long seed,
      @ForAll boolean keepDims) {
    Tensor x = Generators.distinct(shape, seed, 0.01).requiresGrad();
    GradCheck.check(in -> in[0].max(axes(shape, seed), keepDims), x);
  }

  @Property(tries = 40)
  @GradientProperty(Min.class)
  void minGradientMatchesFiniteDifferences(@ForAll("shapes") Shape shape, @ForAll long seed,
      @ForAll boolean keepDims) {
    Tensor x = Generators.distinct(shape, seed, 0.01).requiresGrad();
    GradCheck.check(in -> in[0].min(axes(shape, seed), keepDims), x);
  }

  @Property(tries = 30)
  void meanGradientMatchesFiniteDifferencesAndEqualsSumOverCount(@ForAll("shapes") Shape shape,
      @ForAll long seed, @ForAll boolean keepDims) {
    Tensor x = Generators.uniform(shape, seed, -2, 2).requiresGrad();
    int[] axes = axes(shape, seed);
    GradCheck.check(in -> in[0].mean(axes, keepDims), x);
    int n = 1;
    for (int a : axes) {
      n *= shape.dim(a);
    }
    Tensor expected = x.sum(axes, keepDims).mul(1.0 / n);
    assertArrayEquals(expected.toDoubleArray(), x.mean(axes, keepDims).toDoubleArray(), 1e-12);
  }

  @Property(tries = 40)
  @GradientProperty(LogSoftmax.class)
  void logSoftmaxGradientMatchesFiniteDifferences(@ForAll("nonScalarShapes") Shape shape, @ForAll long seed) {
    Tensor x = Generators.uniform(shape, seed, -3, 3).requiresGrad();
    GradCheck.check(in -> in[0].logSoftmax(axis(shape, seed)), x);
  }

  @Property(tries = 25)
  @GradientProperty(LogSoftmax.class)
  void logSoftmaxSecondDerivativeMatchesFiniteDifferences(@ForAll("nonScalarShapes") Shape shape,
      @ForAll long seed) {
    Tensor x = Generators.uniform(shape, seed, -3, 3).requiresGrad();
    int axis = axis(shape, seed);
    GradCheck.check(SecondOrder.gradientOf(in -> in[0].logSoftmax(axis), 0), x);
  }

  @Property(tries = 40)
  void softmaxGradientMatchesFiniteDifferences(@ForAll("nonScalarShapes") Shape shape, @ForAll long seed) {
    Tensor x = Generators.uniform(shape, seed, -3, 3).requiresGrad();
    GradCheck.check(in -> in[0].softmax(axis(shape, seed)), x);
  }

  @Property(tries = 25)
  void softmaxSecondDerivativeMatchesFiniteDifferences(@ForAll("nonScalarShapes") Shape shape,
      @ForAll long seed) {
    Tensor x = Generators.uniform(shape, seed, -3, 3).requiresGrad();
    int axis = axis(shape, seed);
    GradCheck.check(SecondOrder.gradientOf(in -> in[0].softmax(axis), 0), x);
  }

  @Property(tries = 30)
  void logSumExpGradientMatchesFiniteDifferences(@ForAll("nonScalarShapes") Shape shape, @ForAll long seed,
      @ForAll boolean keepDims) {
    Tensor x = Generators.uniform(shape, seed, -3, 3).requiresGrad();
    GradCheck.check(in -> in[0].logSumExp(axis(shape, seed), keepDims), x);
  }

  @Property(tries = 30)
  void logSumExpMatchesTheDefinitionAndSoftmaxIsExpOfLogSoftmax(@ForAll("nonScalarShapes") Shape shape,
      @ForAll long seed) {
    Tensor x = Generators.uniform(shape, seed, -3, 3);
    int axis = axis(shape, seed);
    int a = Math.floorMod(axis, shape.rank());
    int[] dims = shape.dims();
    int outer = Compute.product(dims, 0, a);
    int inner = Compute.product(dims, a + 1, dims.length);
    double[] lse = x.logSumExp(axis, false).toDoubleArray();
    double[] ls = x.logSoftmax(axis).toDoubleArray();
    double[] sm = x.softmax(axis).toDoubleArray();
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        double sum = 0;
        for (int j = 0; j < dims[a]; j++) {
          sum += Math.exp(x.get((o * dims[a] + j) * inner + i));
        }
        assertEquals(Math.log(sum), lse[o * inner + i], 1e-12);
        for (int j = 0; j < dims[a]; j++) {
          int e = (o * dims[a] + j) * inner + i;
          assertEquals(Math.exp(x.get(e)) / sum, sm[e], 1e-12);
          assertEquals(Math.log(sm[e]), ls[e], 1e-12);
        }
      }
    }
  }

  @Example
  void logSoftmaxOfLargeLogitsIsFinite() {
    Tensor y = Tensor.of(1000f, 0f).logSoftmax(0);
    assertArrayEquals(new float[] {0, -1000}, y.toFloatArray(), 1e-3f);
    assertArrayEquals(new float[] {1, 0}, Tensor.of(1000f, 0f).softmax(0).toFloatArray(), 1e-6f);
    assertEquals(1000.0, Tensor.of(1000f, 0f).logSumExp(0, false).item(), 1e-3);
    assertEquals(-1000.0 + Math.log(2), Tensor.of(-1000.0, -1000.0).logSumExp(0, false).item(), 1e-12);
  }

  @Example
  void softmaxRowsSumToOne() {
    Tensor x = Tensor.of(new float[][] {{1, 2, 3}, {-5, 0, 5}, {100, 100, 100}});
    Tensor rows = x.softmax(1).sum(new int[] {1}, false);
    assertArrayEquals(new float[] {1, 1, 1}, rows.toFloatArray(), 1e-6f);
    assertArrayEquals(new float[] {1 / 3f, 1 / 3f, 1 / 3f}, x.softmax(-1).narrow(0, 2, 1).toFloatArray(), 1e-6f);
  }

  @Example
  void argmaxAndArgminTiesPickTheFirst() {
    Tensor x = Tensor.of(new double[][] {{1, 3, 3}, {2, 2, 0}});
    assertArrayEquals(new double[] {1, 0}, x.argmax(1).toDoubleArray());
    assertArrayEquals(new double[] {0, 2}, x.argmin(1).toDoubleArray());
    assertArrayEquals(new double[] {1, 0, 0}, x.argmax(0).toDoubleArray());
    assertEquals(DType.INT64, x.argmax(0).dtype());
    Tensor v = Tensor.of(1f, 3f).requiresGrad();
    Tensor arg = v.argmax(0);
    assertNull(arg.gradFn());
    assertEquals(DType.INT64, arg.dtype());
    assertEquals(Shape.scalar(), arg.shape());
  }

  @Example
  void maxGradientIsSplitEvenlyAmongTies() {
    Tensor x = Tensor.of(new double[][] {{1, 3, 3}, {2, 0, -1}}).requiresGrad();
    Tensor m = x.max(new int[] {1}, false);
    assertArrayEquals(new double[] {3, 2}, m.toDoubleArray());
    m.backward(Tensor.of(new double[] {10, 100}));
    assertArrayEquals(new double[] {0, 5, 5, 100, 0, 0}, x.grad().toDoubleArray());
    Tensor y = Tensor.of(new double[] {4, -1, 4, -1}).requiresGrad();
    y.min().backward();
    assertArrayEquals(new double[] {0, 0.5, 0, 0.5}, y.grad().toDoubleArray());
    assertEquals(4.0, Tensor.of(new double[] {4, -1, 4, -1}).max().item());
  }

  @Example
  void meanOfAllElements() {
    Tensor x = Tensor.of(new double[] {1, 2, 3, 6}, 2, 2);
    assertEquals(3.0, x.mean().item());
    assertArrayEquals(new double[] {2, 4}, x.mean(new int[] {0}, false).toDoubleArray());
    assertEquals(Shape.of(2, 1), x.mean(new int[] {-1}, true).shape());
  }

  @Example
  void axisErrorsNameTheOpTheAxisAndTheShape() {
    Tensor x = Tensor.zeros(2, 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.max(new int[] {2}, false));
    assertEquals("max: axis 2 is out of range for shape (2, 3) (rank 2)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> x.logSoftmax(-3));
    assertTrue(e.getMessage().startsWith("logSoftmax: axis -3"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> x.softmax(5));
    assertTrue(e.getMessage().startsWith("softmax: axis 5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> x.argmax(2));
    assertTrue(e.getMessage().startsWith("argmax: axis 2") && e.getMessage().contains("(2, 3)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> x.mean(new int[] {0, 0}, false));
    assertTrue(e.getMessage().startsWith("mean: axis 0 is given twice"), e.getMessage());
  }
}
