package dev.chainrule.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.testing.Generators;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Flatten with start and end axes, and Unflatten, over random shapes and axis ranges. */
class ReshapeLayersProperties {

  /** A shape of rank 1 to 5 with an axis range {@code start <= end} in it, each axis given as is or negative. */
  record Case(Shape shape, int startDim, int endDim, int start, int end) {}

  @Provide
  Arbitrary<Case> flattenCases() {
    return Generators.nonScalarShapes(5, 3).flatMap(shape -> {
      int rank = shape.rank();
      return Combinators.combine(Arbitraries.integers().between(0, rank - 1),
          Arbitraries.integers().between(0, rank - 1), Arbitraries.of(true, false), Arbitraries.of(true, false))
          .as((a, b, negStart, negEnd) -> {
            int start = Math.min(a, b);
            int end = Math.max(a, b);
            return new Case(shape, negStart ? start - rank : start, negEnd ? end - rank : end, start, end);
          });
    });
  }

  @Property(tries = 60)
  void flattenMergesExactlyTheAxesOfItsRangeInRowMajorOrder(@ForAll("flattenCases") Case c, @ForAll long seed) {
    Tensor x = Generators.uniform(c.shape(), seed, -1, 1);
    Tensor y = new Flatten(c.startDim(), c.endDim()).call(x);
    int[] dims = c.shape().dims();
    int merged = 1;
    for (int a = c.start(); a <= c.end(); a++) {
      merged *= dims[a];
    }
    assertEquals(dims.length - (c.end() - c.start()), y.rank());
    assertEquals(merged, y.shape().dim(c.start()));
    for (int a = 0; a < c.start(); a++) {
      assertEquals(dims[a], y.shape().dim(a));
    }
    for (int a = c.end() + 1; a < dims.length; a++) {
      assertEquals(dims[a], y.shape().dim(a - (c.end() - c.start())));
    }
    assertArrayEquals(x.toDoubleArray(), y.toDoubleArray());
  }

  @Property(tries = 30)
  void unflattenUndoesFlattenAndBothGradientCheck(@ForAll("flattenCases") Case c, @ForAll long seed) {
    int[] sizes = java.util.Arrays.copyOfRange(c.shape().dims(), c.start(), c.end() + 1);
    Flatten flatten = new Flatten(c.startDim(), c.endDim());
    Unflatten unflatten = new Unflatten(c.start(), sizes);
    Tensor x = Generators.uniform(c.shape(), seed, -1, 1);
    Tensor back = unflatten.call(flatten.call(x));
    assertEquals(c.shape(), back.shape());
    assertArrayEquals(x.toDoubleArray(), back.toDoubleArray());
    GradCheck.check(in -> unflatten.call(flatten.call(in[0])), x.requiresGrad());
  }

  @Test
  void unflattenInfersOneSizeAndSplitsTheFeaturesOfAnMlpBackIntoImages() {
    Tensor x = Tensor.arange(24).reshape(2, 12);
    Tensor images = new Unflatten(1, 3, -1, 2).call(x);
    assertArrayEquals(new int[] {2, 3, 2, 2}, images.shape().dims());
    assertArrayEquals(x.toDoubleArray(), images.toDoubleArray());
    assertArrayEquals(new int[] {2, 3, 4}, new Unflatten(-1, 3, 4).call(x).shape().dims());
    assertEquals("Unflatten(dim=1, sizes=(3, -1, 2))", new Unflatten(1, 3, -1, 2).toString());
  }

  @Test
  void refusalsNameTheLayerTheShapeAndTheAxes() {
    var e = assertThrows(IllegalArgumentException.class, () -> new Unflatten(1, 5, 2).call(Tensor.ones(2, 12)));
    assertTrue(e.getMessage().contains("Unflatten") && e.getMessage().contains("(2, 12)")
        && e.getMessage().contains("[5, 2]") && e.getMessage().contains("10"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Unflatten(1, 5, -1).call(Tensor.ones(2, 12)));
    assertTrue(e.getMessage().contains("not a multiple of 5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Unflatten(1, -1, -1));
    assertTrue(e.getMessage().contains("at most one -1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Unflatten(3, 2).call(Tensor.ones(2, 2)));
    assertTrue(e.getMessage().contains("dim 3") && e.getMessage().contains("(2, 2)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Flatten(2, 4).call(Tensor.ones(2, 3, 4)));
    assertTrue(e.getMessage().contains("Flatten") && e.getMessage().contains("(2, 3, 4)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Flatten(2, 1));
    assertTrue(e.getMessage().contains("startDim 2 must not come after endDim 1"), e.getMessage());
    assertEquals("Flatten(startDim=0, endDim=-2)", new Flatten(0, -2).toString());
    assertEquals("Flatten()", new Flatten().toString());
  }
}
