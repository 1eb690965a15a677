package dev.chainrule.autodiff.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autodiff.BackwardOption;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.testing.ContributionsTo;
import dev.chainrule.autodiff.testing.Generators;
import dev.chainrule.autodiff.testing.GradientProperty;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * unbind (and the {@link Split} behind split and chunk): the slices are the selects, the gradient reaches the
 * whole in one concatenation with zeros for unused pieces, first and second derivatives against finite
 * differences, and a retained graph walked twice.
 */
class SplitProperties {

  @Provide
  Arbitrary<Shape> nonScalarShapes() {
    return Generators.nonScalarShapes(4, 4);
  }

  /** The weighted sum of the pieces whose index is not a multiple of 3 (plus piece 0 when that is all of them). */
  private static Tensor someWeighted(Tensor[] pieces, long seed) {
    Tensor total = null;
    for (int i = 0; i < pieces.length; i++) {
      if ((i + seed) % 3 != 0 || pieces.length == 1) {
        Tensor term = pieces[i].mul(i + 1).sum();
        total = total == null ? term : total.add(term);
      }
    }
    return total == null ? pieces[0].sum() : total;
  }

  @Property(tries = 40)
  @GradientProperty({Split.class, SplitPiece.class})
  void unbindGivesTheSelectsAndGradientsWithZerosForUnusedPieces(@ForAll("nonScalarShapes") Shape shape,
      @ForAll long seed) {
    int axis = (int) Math.floorMod(seed, (long) shape.rank());
    long which = Math.floorMod(seed, 3L);
    Tensor x = Generators.uniform(shape, seed, -2, 2).requiresGrad();
    Tensor[] pieces = x.unbind(axis - shape.rank());
    assertEquals(shape.dim(axis), pieces.length);
    for (int i = 0; i < pieces.length; i++) {
      assertArrayEquals(x.select(axis, i).shape().dims(), pieces[i].shape().dims());
      assertArrayEquals(x.select(axis, i).toDoubleArray(), pieces[i].toDoubleArray());
    }
    GradCheck.check(in -> someWeighted(in[0].unbind(axis), which), x);
    GradCheck.gradGrad(in -> someWeighted(in[0].unbind(axis), which).square(), x);
  }

  @Test
  void unusedPiecesGetZerosAndARetainedGraphWalkedTwiceAddsTwice() {
    Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2).requiresGrad();
    Tensor[] rows = x.unbind(0);
    Tensor loss = rows[0].sum().add(rows[2].mul(3).sum());
    loss.backward(BackwardOption.RETAIN_GRAPH);
    assertArrayEquals(new double[] {1, 1, 0, 0, 3, 3}, x.grad().toDoubleArray());
    loss.backward();
    assertArrayEquals(new double[] {2, 2, 0, 0, 6, 6}, x.grad().toDoubleArray());
  }

  /** What narrow would cost: every piece's gradient padded to the whole. Split sends the whole once. */
  @Test
  void theWholeGetsOneGradientOfItsSizeHoweverManyPieces() {
    int steps = 50;
    Tensor x = Generators.uniform(Shape.of(steps, 3), 1, -1, 1).requiresGrad();
    Tensor h = Tensor.zeros(3);
    for (Tensor step : x.unbind(0)) {
      h = h.add(step).tanh();
    }
    Tensor loss = h.sum();
    List<ContributionsTo.Arrival> toX = ContributionsTo.record(x, loss::backward);
    assertEquals(1, toX.size(), "contributions to x: " + toX.size());
    assertArrayEquals(new int[] {steps, 3}, toX.get(0).tensor().shape().dims());
  }
}
