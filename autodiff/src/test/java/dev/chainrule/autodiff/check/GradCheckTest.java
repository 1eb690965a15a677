package dev.chainrule.autodiff.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheckException.Kind;
import dev.chainrule.autodiff.check.WrongBackwards.Abs;
import dev.chainrule.autodiff.check.WrongBackwards.CubeWithHalfDetachedBackward;
import dev.chainrule.autodiff.check.WrongBackwards.DoubleWithCounter;
import dev.chainrule.autodiff.check.WrongBackwards.IdentityPlusOne;
import dev.chainrule.autodiff.check.WrongBackwards.IdentityWithLongGradient;
import dev.chainrule.autodiff.check.WrongBackwards.MulWithSwappedGradient;
import dev.chainrule.autodiff.check.WrongBackwards.SquareWithDetachedBackward;
import dev.chainrule.autodiff.check.WrongBackwards.SquareWithWrongSign;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class GradCheckTest {

  private static Tensor leaf(double[] values, int... shape) {
    return Tensor.of(values, shape).requiresGrad();
  }

  // ------------------------------------------------------------------ correct ops pass

  @Test
  void passesOnBuiltInOps() {
    Tensor a = leaf(new double[] {0.3, -1.2, 2.0, 0.7, -0.4, 1.1}, 2, 3);
    Tensor b = leaf(new double[] {1.5, -0.5, 0.25}, 3);
    GradCheck.check(in -> in[0].add(in[1]), a, b);
    GradCheck.check(in -> in[0].mul(in[1]), a, b);
    GradCheck.check(in -> in[0].mul(in[1]).sum(), a, b);
    GradCheck.check(in -> in[0].sum(new int[] {0}, true).mul(in[1]), a, b);
    GradCheck.check(in -> in[0].reshape(3, 2).mul(in[0].reshape(3, 2)), a);
    GradCheck.check(in -> in[1].expand(4, 3).mul(in[1]), a, b);
    GradCheck.gradGrad(in -> in[0].mul(in[1]).mul(in[0]).sum(), a, b);
  }

  @Test
  void float32InputsAreCheckedOnFloat64ShadowsAndLeftUntouched() {
    Tensor x = Tensor.of(new float[] {0.5f, -1.5f, 2f}).requiresGrad();
    Tensor mask = Tensor.of(new double[] {1, 0, 1});
    GradCheck.check(in -> in[0].mul(in[0]).mul(in[1]), x, mask);
    assertNull(x.grad(), "the caller's tensor gets no gradient");
    assertEquals(DType.FLOAT32, x.dtype());
  }

  @Test
  void worksWhenTheCallerHasGradModeOff() {
    Tensor x = leaf(new double[] {1, 2}, 2);
    try (var off = GradMode.off()) {
      GradCheck.check(in -> in[0].mul(in[0]), x);
    }
  }

  @Test
  void callerMistakesAreIllegalArguments() {
    Tensor plain = Tensor.of(new double[] {1, 2});
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> GradCheck.check(in -> in[0].mul(2), plain));
    assertTrue(none.getMessage().contains("requires grad"), none.getMessage());
    Tensor x = leaf(new double[] {1}, 1);
    assertThrows(IllegalArgumentException.class,
        () -> GradCheck.check(in -> Tensor.of(new double[] {1}), x));
    assertThrows(IllegalArgumentException.class, () -> GradCheck.withTolerance(-1, 0));
    assertThrows(IllegalArgumentException.class, () -> GradCheck.defaults().withEps(0));
    assertThrows(IllegalArgumentException.class, () -> GradCheck.defaults().reporting(0));
  }

  // ------------------------------------------------------------------ wrong values

  @Test
  void rejectsMulWhoseBackwardReturnsGTimesAForBothInputs() {
    Tensor a = leaf(new double[] {1, 2, 3}, 3).named("a");
    Tensor b = leaf(new double[] {4, 5, 7}, 3).named("b");
    GradCheckException e = assertThrows(GradCheckException.class,
        () -> GradCheck.check(in -> new MulWithSwappedGradient().apply(in[0], in[1]), a, b));
    assertEquals(Kind.VALUE, e.kind());
    List<Mismatch> m = e.mismatches();
    assertEquals(3, m.size(), e.getMessage());
    for (Mismatch mismatch : m) {
      // Only dL/da is wrong: it is g * a where it should be g * b, so analytic / numeric = a_j / b_j.
      assertEquals(0, mismatch.input());
      assertEquals("a", mismatch.label());
      int j = mismatch.element();
      assertEquals(a.get(j) / b.get(j), mismatch.analytic() / mismatch.expected(), 1e-6);
      assertEquals(List.of(j), mismatch.coordinates());
      assertFalse(mismatch.onKink());
    }
    // Worst first: element 2 has the largest |g (a - b)|.
    assertEquals(2, m.get(0).element());
    String message = e.getMessage();
    assertTrue(message.startsWith("GradCheck failed [VALUE]: 3 of 6 gradient element(s) differ"), message);
    assertTrue(message.contains("atol=1.0e-05, rtol=1.0e-03, eps=1.0e-06"), message);
    assertTrue(message.contains("#0 'a'"), message);
    assertFalse(message.contains("#1 'b'"), message);
    assertTrue(message.contains(String.format(Locale.ROOT, "%16.9g", m.get(0).analytic())), message);
    assertTrue(message.contains(String.format(Locale.ROOT, "%16.9g", m.get(0).expected())), message);
    assertTrue(message.contains(String.format(Locale.ROOT, "%11.3e", m.get(0).absoluteError())), message);
  }

  @Test
  void rejectsAWrongSignAndNamesTheElementByCoordinates() {
    Tensor x = leaf(new double[] {0.5, 1, 1.5, 2, 2.5, 3}, 2, 3).named("x");
    GradCheckException e = assertThrows(GradCheckException.class,
        () -> GradCheck.check(in -> new SquareWithWrongSign().apply(in[0]).sum(), x));
    assertEquals(Kind.VALUE, e.kind());
    assertEquals(6, e.mismatches().size());
    for (Mismatch m : e.mismatches()) {
      assertEquals(-m.expected(), m.analytic(), 1e-6 * Math.abs(m.expected()));
      assertEquals(2.0, m.relativeError(), 1e-6);
    }
    Mismatch worst = e.mismatches().get(0);
    assertEquals(5, worst.element(), "x = 3 at the end has the largest gradient");
    assertEquals(List.of(1, 2), worst.coordinates());
    String worstLine = e.getMessage().lines().filter(l -> l.contains("[1, 2]")).findFirst().orElseThrow();
    assertTrue(worstLine.matches("\\s*#0 'x'\\s+5 \\[1, 2\\]\\s+-\\d\\.\\d+\\s+\\d\\.\\d+\\s+.*"), worstLine);
    assertTrue(worstLine.contains(String.format(Locale.ROOT, "%.9g", worst.analytic())), worstLine);
    assertTrue(worstLine.contains(String.format(Locale.ROOT, "%.9g", worst.expected())), worstLine);
  }

  @Test
  void reportsTheWorstElementsOnlyButKeepsAllMismatches() {
    Tensor x = leaf(new double[] {1, 2, 3, 4, 5}, 5);
    GradCheckException e = assertThrows(GradCheckException.class, () -> GradCheck.defaults().reporting(2)
        .verify(in -> new SquareWithWrongSign().apply(in[0]).sum(), x));
    assertEquals(5, e.mismatches().size());
    assertTrue(e.getMessage().contains("... and 3 more"), e.getMessage());
    assertEquals(List.of(4, 3, 2, 1, 0), e.mismatches().stream().map(Mismatch::element).toList());
  }

  // ------------------------------------------------------------------ the other kinds

  @Test
  void rejectsANonDeterministicBackward() {
    Tensor x = leaf(new double[] {1, 2}, 2).named("x");
    GradCheckException e = assertThrows(GradCheckException.class,
        () -> GradCheck.check(in -> new DoubleWithCounter().apply(in[0]), x));
    assertEquals(Kind.NONDETERMINISTIC, e.kind());
    assertEquals(2, e.mismatches().size());
    for (Mismatch m : e.mismatches()) {
      assertEquals(2.0, m.analytic() / m.expected(), 1e-12, "second pass 4g, first pass 2g");
    }
    String message = e.getMessage();
    assertTrue(message.startsWith("GradCheck failed [NONDETERMINISTIC]: 2 of 2 gradient element(s) differ"
        + " between two backward passes"), message);
    assertTrue(message.contains("second pass") && message.contains("first pass") && message.contains("#0 'x'"),
        message);
  }

  @Test
  void rejectsABackwardThatIsNotZeroForAZeroUpstream() {
    Tensor x = leaf(new double[] {1, 2, 3, 4}, 2, 2);
    GradCheckException e = assertThrows(GradCheckException.class,
        () -> GradCheck.check(in -> new IdentityPlusOne().apply(in[0]), x));
    assertEquals(Kind.ZERO_UPSTREAM, e.kind());
    assertEquals(4, e.mismatches().size());
    for (Mismatch m : e.mismatches()) {
      assertEquals(1.0, m.analytic());
      assertEquals(0.0, m.expected());
    }
    assertTrue(e.getMessage().startsWith("GradCheck failed [ZERO_UPSTREAM]: with an all-zero upstream gradient"
        + " g, 4 of 4 gradient element(s) are not zero"), e.getMessage());
    assertTrue(e.getMessage().contains("[1, 1]"), e.getMessage());
  }

  @Test
  void aGradientOfTheWrongShapeIsReportedWithTheWalkersError() {
    // The walker sums a broadcast gradient back to its input's shape, and refuses one that cannot be: that
    // refusal comes first, so GradCheck reports it as a failed backward with the walker's error as cause.
    Tensor x = leaf(new double[] {1, 2, 3}, 3);
    GradCheckException e = assertThrows(GradCheckException.class,
        () -> GradCheck.check(in -> new IdentityWithLongGradient().apply(in[0]), x));
    assertEquals(Kind.BACKWARD_ERROR, e.kind());
    assertInstanceOf(IllegalStateException.class, e.getCause());
    assertTrue(e.getMessage().startsWith("GradCheck failed [BACKWARD_ERROR]: backward (first pass) threw"
        + " IllegalStateException: IdentityWithLongGradient.backward returned a gradient of shape (4,) for input 0"
        + " of shape (3,)"), e.getMessage());
    assertTrue(e.mismatches().isEmpty());
  }

  // ------------------------------------------------------------------ kinks

  @Test
  void flagsAnInputOnAKinkAndOnlyThatOne() {
    // |x| with sign(0) = +1: at 0 the analytic gradient is 1 but the central difference is 0.
    Tensor x = leaf(new double[] {0, 0.5, -1}, 3).named("x");
    GradCheckException e = assertThrows(GradCheckException.class,
        () -> GradCheck.check(in -> new Abs(false).apply(in[0]), x));
    assertEquals(Kind.VALUE, e.kind());
    assertEquals(1, e.mismatches().size());
    Mismatch m = e.mismatches().get(0);
    assertEquals(0, m.element());
    assertTrue(m.onKink());
    assertEquals(0.0, m.expected(), 1e-9);
    assertTrue(e.getMessage().contains("KINK"), e.getMessage());
    assertTrue(e.getMessage().contains("within eps of a point where the function is not differentiable"),
        e.getMessage());
  }

  @Test
  void absOffItsKinkPassesAndAWrongGradientThereIsNotBlamedOnAKink() {
    Tensor x = leaf(new double[] {0.5, -1}, 2);
    GradCheck.check(in -> new Abs(false).apply(in[0]), x);
    GradCheckException e = assertThrows(GradCheckException.class,
        () -> GradCheck.check(in -> new Abs(true).apply(in[0]), x));
    assertEquals(2, e.mismatches().size());
    assertTrue(e.mismatches().stream().noneMatch(Mismatch::onKink));
    assertFalse(e.getMessage().contains("KINK"), e.getMessage());
  }

  // ------------------------------------------------------------------ second order

  @Test
  void secondOrderPassesForACube() {
    Tensor x = leaf(new double[] {-1.5, 0.5, 2}, 3);
    GradCheck.gradGrad(in -> in[0].mul(in[0]).mul(in[0]), x);
    GradCheck.withTolerance(1e-6, 1e-4).secondOrder().verify(in -> in[0].mul(in[0]).mul(in[0]).sum(), x);
  }

  @Test
  void secondOrderRejectsABackwardComputedFromDetachedValues() {
    Tensor x = leaf(new double[] {-1.5, 0.5, 2}, 3).named("x");
    GradCheck.check(in -> new SquareWithDetachedBackward().apply(in[0]), x); // first order is right
    GradCheckException e = assertThrows(GradCheckException.class,
        () -> GradCheck.gradGrad(in -> new SquareWithDetachedBackward().apply(in[0]), x));
    assertEquals(Kind.SECOND_ORDER, e.kind());
    assertEquals(3, e.mismatches().size());
    for (Mismatch m : e.mismatches()) {
      assertEquals(0.0, m.analytic(), "nothing recorded: the gradient does not depend on x");
      assertTrue(m.expected() > 0.9 && m.expected() < 4.6, "2 v w with v, w in [0.5, 1.5): " + m.expected());
    }
    assertTrue(e.getMessage().startsWith("GradCheck failed [SECOND_ORDER]: 3 of 3 element(s)"), e.getMessage());
    assertTrue(e.getMessage().contains("#0 'x'"), e.getMessage());
  }

  @Test
  void secondOrderRejectsABackwardThatIsOnlyPartlyDifferentiable() {
    Tensor x = leaf(new double[] {-1.5, 0.5, 2}, 3);
    GradCheck.check(in -> new CubeWithHalfDetachedBackward().apply(in[0]), x);
    GradCheckException e = assertThrows(GradCheckException.class,
        () -> GradCheck.defaults().secondOrder().verify(in -> new CubeWithHalfDetachedBackward().apply(in[0]), x));
    assertEquals(Kind.SECOND_ORDER, e.kind());
    for (Mismatch m : e.mismatches()) {
      assertEquals(0.5, m.analytic() / m.expected(), 1e-6, "3x instead of 6x");
    }
  }
}
