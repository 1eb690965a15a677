package dev.chainrule.autodiff.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.testing.Generators;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * logSumExp over several axes, var and std (compositions, so no op class of their own): values against sums
 * written out element by element, gradients and second derivatives against finite differences.
 */
class StatisticsProperties {

  @Provide
  Arbitrary<Shape> shapes() {
    return Generators.shapes(4, 3);
  }

  @Provide
  Arbitrary<Double> corrections() {
    return Arbitraries.of(0.0, 1.0, 0.5, 2.0);
  }

  /** Axes picked by the low bits of {@code seed}, some of them written as negative axes. */
  private static int[] axes(Shape shape, long seed) {
    return IntStream.range(0, shape.rank()).filter(i -> ((seed >> i) & 1) == 1)
        .map(i -> ((seed >> (8 + i)) & 1) == 1 ? i - shape.rank() : i).toArray();
  }

  /**
   * For each element of {@code x}, the flat index (into the reduced shape kept with size 1) of its group, so a
   * reference can sum each group by hand.
   */
  private static int[] groupOf(Shape shape, boolean[] reduced) {
    Shape kept = Axes.reducedShape(shape, reduced, true);
    int[] group = new int[shape.size()];
    for (int e = 0; e < group.length; e++) {
      int[] c = ShapeOpsProperties.coords(shape, e);
      for (int d = 0; d < c.length; d++) {
        c[d] = reduced[d] ? 0 : c[d];
      }
      group[e] = ShapeOpsProperties.flat(kept, c);
    }
    return group;
  }

  @Property(tries = 50)
  void logSumExpOverAxesIsTheLogOfTheSumOfExponentials(@ForAll("shapes") Shape shape, @ForAll long seed,
      @ForAll boolean keepDims) {
    int[] axes = axes(shape, seed);
    boolean[] reduced = Axes.resolve("test", shape, axes);
    Tensor x = Generators.uniform(shape, seed, -3, 3).requiresGrad();
    Tensor y = x.logSumExp(axes, keepDims);
    assertEquals(Axes.reducedShape(shape, reduced, keepDims), y.shape());
    int[] group = groupOf(shape, reduced);
    double[] sums = new double[y.size()];
    for (int e = 0; e < group.length; e++) {
      sums[group[e]] += Math.exp(x.get(e));
    }
    for (int g = 0; g < sums.length; g++) {
      assertEquals(Math.log(sums[g]), y.get(g), 1e-12);
    }
    GradCheck.check(in -> in[0].logSumExp(axes, keepDims), x);
    GradCheck.gradGrad(in -> in[0].logSumExp(axes, keepDims), x);
  }

  @Property(tries = 30)
  void logSumExpIsShiftInvariantSoLargeValuesStayFinite(@ForAll("shapes") Shape shape, @ForAll long seed) {
    int[] axes = axes(shape, seed);
    Tensor x = Generators.uniform(shape, seed, -3, 3);
    Tensor shifted = x.add(1000).logSumExp(axes, false).sub(1000);
    assertArrayEquals(x.logSumExp(axes, false).toDoubleArray(), shifted.toDoubleArray(), 1e-9);
  }

  @Property(tries = 50)
  void varAndStdMatchTheTwoPassFormula(@ForAll("shapes") Shape shape, @ForAll long seed,
      @ForAll("corrections") double correction, @ForAll boolean keepDims) {
    int[] axes = axes(shape, seed);
    boolean[] reduced = Axes.resolve("test", shape, axes);
    Tensor x = Generators.uniform(shape, seed, -2, 2).requiresGrad();
    Tensor v = x.var(axes, correction, keepDims);
    Tensor s = x.std(axes, correction, keepDims);
    assertEquals(Axes.reducedShape(shape, reduced, keepDims), v.shape());
    int[] group = groupOf(shape, reduced);
    double[] mean = new double[v.size()];
    int n = shape.size() / v.size();
    for (int e = 0; e < group.length; e++) {
      mean[group[e]] += x.get(e) / n;
    }
    double[] squares = new double[v.size()];
    for (int e = 0; e < group.length; e++) {
      squares[group[e]] += (x.get(e) - mean[group[e]]) * (x.get(e) - mean[group[e]]);
    }
    for (int g = 0; g < squares.length; g++) {
      double expected = squares[g] / Math.max(0, n - correction); // NaN or inf where n <= correction
      assertEquals(expected, v.get(g), 1e-12);
      assertEquals(Math.sqrt(expected), s.get(g), 1e-12);
    }
    if (n > correction) {
      GradCheck.check(in -> in[0].var(axes, correction, keepDims), x);
      GradCheck.gradGrad(in -> in[0].var(axes, correction, keepDims), x);
      if (n > 1) { // a group of one has std 0, where sqrt has no derivative
        GradCheck.check(in -> in[0].std(axes, correction, keepDims), x);
      }
    }
  }
}
