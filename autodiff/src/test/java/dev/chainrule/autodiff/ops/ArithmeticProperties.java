package dev.chainrule.autodiff.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.testing.Generators;
import dev.chainrule.autodiff.testing.GradientProperty;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ArithmeticProperties {

  @Provide
  Arbitrary<Shape[]> pairs() {
    return Generators.broadcastPairs(4, 3);
  }

  @Provide
  Arbitrary<Shape> shapes() {
    return Generators.shapes(4, 3);
  }

  @Property(tries = 40)
  @GradientProperty(Add.class)
  void addGradientMatchesFiniteDifferences(@ForAll("pairs") Shape[] pair, @ForAll long seed) {
    Tensor a = Generators.uniform(pair[0], seed, -2, 2).requiresGrad();
    Tensor b = Generators.uniform(pair[1], seed + 1, -2, 2).requiresGrad();
    GradCheck.check(in -> in[0].add(in[1]), a, b);
  }

  @Property(tries = 40)
  @GradientProperty(Mul.class)
  void mulGradientMatchesFiniteDifferences(@ForAll("pairs") Shape[] pair, @ForAll long seed) {
    Tensor a = Generators.uniform(pair[0], seed, -2, 2).requiresGrad();
    Tensor b = Generators.uniform(pair[1], seed + 1, -2, 2).requiresGrad();
    GradCheck.check(in -> in[0].mul(in[1]), a, b);
  }

  @Property(tries = 40)
  void broadcastGradientHasTheOperandsShape(@ForAll("pairs") Shape[] pair, @ForAll long seed) {
    Tensor a = Generators.uniform(pair[0], seed, -2, 2).requiresGrad();
    Tensor b = Generators.uniform(pair[1], seed + 1, -2, 2).requiresGrad();
    a.mul(b).sum().backward();
    assertEquals(a.shape(), a.grad().shape());
    assertEquals(b.shape(), b.grad().shape());
  }

  @Property(tries = 40)
  void broadcastMulEqualsExplicitLoop(@ForAll("pairs") Shape[] pair, @ForAll long seed) {
    Tensor a = Generators.uniform(pair[0], seed, -2, 2);
    Tensor b = Generators.uniform(pair[1], seed + 1, -2, 2);
    Tensor c = a.mul(b);
    Shape out = Shape.broadcast("mul", a.shape(), b.shape());
    double[] expected = new double[out.size()];
    for (int flat = 0; flat < expected.length; flat++) {
      expected[flat] = a.get(sourceIndex(flat, out, a.shape())) * b.get(sourceIndex(flat, out, b.shape()));
    }
    assertArrayEquals(expected, c.toDoubleArray());
  }

  /** The flat index in an operand of shape {@code from} that broadcasting maps to output index {@code flat}. */
  private static int sourceIndex(int flat, Shape out, Shape from) {
    int[] od = out.dims();
    int index = 0;
    int stride = 1;
    for (int i = od.length - 1, j = from.rank() - 1; i >= 0; i--, j--) {
      int coordinate = flat % od[i];
      flat /= od[i];
      if (j >= 0) {
        index += (from.dim(j) == 1 ? 0 : coordinate) * stride;
        stride *= from.dim(j);
      }
    }
    return index;
  }

  @Property(tries = 40)
  @GradientProperty(Sum.class)
  void sumOverAnyAxesGradientMatchesFiniteDifferences(@ForAll("shapes") Shape shape, @ForAll long seed,
      @ForAll boolean keepDims) {
    Tensor x = Generators.uniform(shape, seed, -2, 2).requiresGrad();
    int[] axes = java.util.stream.IntStream.range(0, shape.rank()).filter(i -> ((seed >> i) & 1) == 1).toArray();
    GradCheck.check(in -> in[0].sum(axes, keepDims), x);
  }

  @Property(tries = 40)
  @GradientProperty({Reshape.class, Expand.class})
  void reshapeAndExpandGradientsMatchFiniteDifferences(@ForAll("shapes") Shape shape, @ForAll long seed) {
    Tensor x = Generators.uniform(shape, seed, -2, 2).requiresGrad();
    GradCheck.check(in -> in[0].reshape(-1).expand(2, shape.size()), x);
  }

  @Property(tries = 20)
  @GradientProperty(Cast.class)
  void castGradientReturnsToTheSourceType(@ForAll("shapes") Shape shape, @ForAll long seed) {
    Tensor x = Generators.uniform(shape, seed, -2, 2).requiresGrad();
    // Rounding to float32 is a staircase with steps near 1e-7 * |x|: a finite-difference step must be far wider
    // than a stair to see the slope. Central differences are exact for this quadratic, so eps = 1e-2 loses
    // nothing, and the rounding adds at most about 1e-5 relative error.
    GradCheck.withTolerance(1e-4, 1e-3).withEps(1e-2)
        .verify(in -> in[0].to(DType.FLOAT32).to(DType.FLOAT64).mul(in[0]), x);
    Tensor f = x.to(DType.FLOAT32).detach().requiresGrad();
    f.to(DType.FLOAT64).sum().backward();
    assertEquals(DType.FLOAT32, f.grad().dtype());
  }

  @org.junit.jupiter.api.Test
  void expandCopiesValuesExactlyIncludingNegativeZero() {
    Tensor x = Tensor.of(new double[] {-0.0, Double.NaN}, 2, 1);
    double[] out = x.expand(2, 3).toDoubleArray();
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(out[0]), "-0.0 must stay -0.0");
    assertEquals(true, Double.isNaN(out[5]));
  }
}
