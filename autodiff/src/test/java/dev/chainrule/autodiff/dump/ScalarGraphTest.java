package dev.chainrule.autodiff.dump;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.ops.MatMul;
import dev.chainrule.autodiff.testing.Generators;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * An exploded op must be the same computation as the tensor op: the same output and, from the same upstream
 * gradient, the same operand gradients. Values are multiples of 1/4 of small size, so every product and sum is
 * exact in FLOAT64 and the comparison is exact whatever the order of summation.
 */
class ScalarGraphTest {
  /** A FLOAT64 tensor of multiples of 1/4 in [-2, 2], drawn from {@code seed}. */
  static Tensor quarters(Shape shape, long seed) {
    Rng rng = new Rng(seed);
    double[] values = new double[shape.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (rng.nextInt(17) - 8) / 4.0;
    }
    return Tensor.of(values, shape.dims());
  }

  /** Explodes {@code y}, runs both backwards from {@code upstream}, and checks output and gradients exactly. */
  private static ScalarGraph checkExact(Tensor y, Tensor upstream, Tensor... operands) {
    ScalarGraph scalars = ScalarGraph.explode(y);
    assertArrayEquals(y.toDoubleArray(), scalars.output().toDoubleArray(), 0.0);
    assertEquals(y.shape(), scalars.output().shape());
    y.backward(upstream);
    scalars.backward(upstream);
    for (int i = 0; i < operands.length; i++) {
      if (operands[i].needsGrad()) {
        assertEquals(operands[i].grad().shape(), scalars.inputGrad(i).shape());
        // Delta 0: equal as numbers, so a zero gradient may be +0 on one side and -0 on the other.
        assertArrayEquals(operands[i].grad().toDoubleArray(), scalars.inputGrad(i).toDoubleArray(), 0.0,
            "operand " + i);
      } else {
        assertNull(scalars.inputGrad(i));
      }
    }
    return scalars;
  }

  @Test
  void aMatrixProductBecomesItsProductsAndSums() {
    Tensor a = quarters(Shape.of(2, 3), 1).named("A").requiresGrad();
    Tensor b = quarters(Shape.of(3, 2), 2).named("B").requiresGrad();
    ScalarGraph scalars = checkExact(a.matmul(b), quarters(Shape.of(2, 2), 3), a, b);
    String text = scalars.dump().toText();
    // 2 x 2 outputs, each 3 products added by 2 additions; 6 + 6 leaves; one Assemble.
    assertEquals(12, count(text, "  Mul (op"));
    assertEquals(8, count(text, "  Add (op"));
    assertEquals(1, count(text, "  Assemble (op"));
    assertEquals(12, count(scalars.dump().toJson(), "\"role\": \"parameter\""));
    assertTrue(text.contains("A[1,2] (t") && text.contains("B[2,1] (t") && text.contains("y[1,1] (t"), text);
    // Every scalar node holds its gradient after backward, intermediates included.
    assertTrue(scalars.dump().toJson().lines().filter(l -> l.contains("\"kind\": \"value\""))
        .noneMatch(l -> l.endsWith("\"grad\": null},") || l.endsWith("\"grad\": null}")), scalars.dump().toJson());
    assertEquals(scalars.leaves(0).get(5).grad().item(), a.grad().get(5));
  }

  @Test
  void transposedOperandsAreReadTransposed() {
    Tensor at = quarters(Shape.of(3, 2), 4).requiresGrad();
    Tensor bt = quarters(Shape.of(4, 3), 5).requiresGrad();
    Tensor y = new MatMul(true, true).apply(at, bt);
    assertEquals(Shape.of(2, 4), y.shape());
    checkExact(y, quarters(Shape.of(2, 4), 6), at, bt);
  }

  @Test
  void anOperandThatNeedsNoGradientHasConstantLeaves() {
    Tensor x = quarters(Shape.of(2, 3), 7).named("x");
    Tensor w = quarters(Shape.of(3, 1), 8).named("w").requiresGrad();
    ScalarGraph scalars = checkExact(x.matmul(w), quarters(Shape.of(2, 1), 9), x, w);
    assertEquals(6, count(scalars.dump().toJson(), "\"role\": \"constant\""));
    assertTrue(scalars.leaves(0).stream().noneMatch(Tensor::needsGrad));
  }

  @Provide
  Arbitrary<Shape[]> pairs() {
    return Generators.broadcastPairs(3, 3);
  }

  @Property(tries = 60)
  void broadcastingBinaryOpsGiveTheTensorGradients(@ForAll("pairs") Shape[] shapes, @ForAll long seed,
      @ForAll @IntRange(max = 2) int which) {
    BinaryOperator<Tensor> op = List.<BinaryOperator<Tensor>>of(Tensor::add, Tensor::sub, Tensor::mul).get(which);
    Tensor a = quarters(shapes[0], seed).requiresGrad();
    Tensor b = quarters(shapes[1], seed + 1).requiresGrad();
    Tensor y = op.apply(a, b);
    ScalarGraph scalars = checkExact(y, quarters(y.shape(), seed + 2), a, b);
    // One scalar op per output element, and one Assemble.
    assertEquals(y.size() + 1, count(scalars.dump().toText(), "(op"));
  }

  @Test
  void aBroadcastElementFeedsEveryOutputItReachesAndSumsTheirGradients() {
    Tensor m = quarters(Shape.of(2, 3), 10).named("m").requiresGrad();
    Tensor row = quarters(Shape.of(3), 11).named("r").requiresGrad();
    ScalarGraph scalars = checkExact(m.mul(row), Tensor.ones(DType.FLOAT64, 2, 3), m, row);
    String dot = scalars.dump().toDot();
    String r1 = scalars.dump().toText().lines().filter(l -> l.contains("r[1] (t")).findFirst().orElseThrow();
    String id = r1.substring(r1.indexOf("(t") + 1, r1.indexOf(')', r1.indexOf("(t")));
    assertEquals(2, count(dot, "  " + id + " -> op"), dot);
    assertEquals(m.get(1) + m.get(4), scalars.inputGrad(1).get(1));
  }

  @Test
  void aTensorReadTwiceIsOneSetOfLeaves() {
    Tensor x = quarters(Shape.of(2, 2), 21).named("x").requiresGrad();
    ScalarGraph squares = checkExact(x.mul(x), quarters(Shape.of(2, 2), 22), x);
    assertEquals(squares.leaves(0), squares.leaves(1));
    assertEquals(4, count(squares.dump().toJson(), "\"role\": \"parameter\""));
    Tensor m = quarters(Shape.of(2, 2), 23).requiresGrad();
    checkExact(m.matmul(m), quarters(Shape.of(2, 2), 24), m);
  }

  @Test
  void divisionMatchesToRoundingError() {
    Tensor a = quarters(Shape.of(2, 3), 12).requiresGrad();
    Tensor b = Generators.awayFromZero(Shape.of(3), 13, 0.5, 2).requiresGrad();
    Tensor y = a.div(b);
    ScalarGraph scalars = ScalarGraph.explode(y);
    assertArrayEquals(y.toDoubleArray(), scalars.output().toDoubleArray());
    Tensor g = quarters(y.shape(), 14);
    y.backward(g);
    scalars.backward(g);
    assertArrayEquals(a.grad().toDoubleArray(), scalars.inputGrad(0).toDoubleArray());
    // b's gradient sums two rows; the tensor walker and the scalar walk may add them in another order.
    assertArrayEquals(b.grad().toDoubleArray(), scalars.inputGrad(1).toDoubleArray(), 1e-15);
  }

  @Property(tries = 30)
  void unaryOpsGiveTheTensorValuesAndGradients(@ForAll @IntRange(max = 7) int which, @ForAll long seed) {
    UnaryOperator<Tensor> op = List.<UnaryOperator<Tensor>>of(Tensor::neg, Tensor::exp, Tensor::log, Tensor::sqrt,
        Tensor::abs, Tensor::sigmoid, Tensor::tanh, Tensor::relu).get(which);
    Tensor x = which == 2 || which == 3 ? Generators.uniform(Shape.of(2, 3), seed, 0.5, 3).requiresGrad()
        : Generators.awayFromZero(Shape.of(2, 3), seed, 0.25, 2).requiresGrad();
    Tensor y = op.apply(x);
    ScalarGraph scalars = ScalarGraph.explode(y);
    Tensor g = quarters(y.shape(), seed);
    y.backward(g);
    scalars.backward(g);
    // Transcendental kernels may take a vector path on the 6-element tensor and the scalar path on one element:
    // the two agree to a few units in the last place.
    assertArrayEquals(y.toDoubleArray(), scalars.output().toDoubleArray(), 1e-14);
    assertArrayEquals(x.grad().toDoubleArray(), scalars.inputGrad(0).toDoubleArray(), 1e-14);
  }

  @Test
  void sumsOverAxesAddEachGroup() {
    Tensor x = quarters(Shape.of(2, 3, 2), 15).named("x").requiresGrad();
    checkExact(x.sum(new int[] {1}, false), quarters(Shape.of(2, 2), 16), x);
    Tensor x2 = quarters(Shape.of(2, 3, 2), 15).requiresGrad();
    checkExact(x2.sum(new int[] {0, -1}, true), quarters(Shape.of(1, 3, 1), 17), x2);
    Tensor x3 = quarters(Shape.of(2, 3), 18).requiresGrad();
    ScalarGraph all = checkExact(x3.sum(), Tensor.scalar(DType.FLOAT64, 1), x3);
    assertEquals(5, count(all.dump().toText(), "  Add (op"));
    assertTrue(all.dump().toText().startsWith("y (t"), all.dump().toText());
  }

  @Test
  void opsThatCannotBeShownAsScalarsAreRefused() {
    Tensor x = quarters(Shape.of(2, 3), 19).requiresGrad();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ScalarGraph.explode(x.reshape(3, 2)));
    assertTrue(e.getMessage().startsWith("explode: Reshape cannot be shown as scalars; the ops that can are MatMul"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ScalarGraph.explode(x));
    assertTrue(e.getMessage().contains("made by no recorded op"), e.getMessage());
    Tensor big = Tensor.ones(DType.FLOAT64, 9, 9).requiresGrad();
    e = assertThrows(IllegalArgumentException.class, () -> ScalarGraph.explode(big.tanh()));
    assertEquals("explode: Tanh's output has shape (9, 9), 81 elements; at most 64 can be shown as scalars:"
        + " explode a smaller example", e.getMessage());
    Tensor longRow = Tensor.ones(DType.FLOAT64, 1, 70).requiresGrad();
    e = assertThrows(IllegalArgumentException.class, () -> ScalarGraph.explode(longRow.sum()));
    assertTrue(e.getMessage().contains("Sum's operand 0 has shape (1, 70)"), e.getMessage());
    Tensor batched = Tensor.ones(DType.FLOAT64, 2, 2, 2).requiresGrad();
    e = assertThrows(IllegalArgumentException.class, () -> ScalarGraph.explode(batched.matmul(batched)));
    assertTrue(e.getMessage().contains("only a product of two matrices"), e.getMessage());
    Tensor y = x.exp();
    y.backward(Tensor.ones(DType.FLOAT64, 2, 3));
    assertThrows(IllegalStateException.class, () -> ScalarGraph.explode(y));
  }

  @Test
  void theUpstreamGradientMustHaveTheOutputShape() {
    Tensor x = quarters(Shape.of(2), 20).requiresGrad();
    ScalarGraph scalars = ScalarGraph.explode(x.neg());
    assertThrows(IllegalArgumentException.class, () -> scalars.backward(Tensor.ones(3)));
    assertThrows(IllegalArgumentException.class, () -> scalars.leaves(1));
  }

  @Property(tries = 30)
  void assembleGradientMatchesFiniteDifferences(@ForAll @IntRange(min = 1, max = 6) int n, @ForAll long seed) {
    Tensor[] scalars = new Tensor[n];
    for (int i = 0; i < n; i++) {
      scalars[i] = Generators.uniform(Shape.scalar(), seed + i, -2, 2).requiresGrad();
    }
    Shape shape = n % 2 == 0 ? Shape.of(2, n / 2) : Shape.of(n);
    GradCheck.check(in -> new Assemble(shape).apply(in), scalars);
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }
}
