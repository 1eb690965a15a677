package dev.chainrule.examples.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.check.GradCheckException;
import dev.chainrule.autodiff.check.Mismatch;
import dev.chainrule.autodiff.testing.Generators;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every claim the gradient-checking lesson prints, checked on the numbers it computes. */
class GradientCheckingLessonTest {
  private static GradientCheckingLesson.Findings findings;

  @BeforeAll
  static void compute() {
    findings = GradientCheckingLesson.compute();
  }

  @Test
  void gradCheckRejectsTheBuggySwishEverywhereButAtOne() {
    GradCheckException failure = findings.swish().buggyFailure();
    assertEquals(GradCheckException.Kind.VALUE, failure.kind());
    Set<Integer> failing = failure.mismatches().stream().map(Mismatch::element).collect(Collectors.toSet());
    int atOne = indexOf(SwishCheck.INPUTS, 1.0);
    assertFalse(failing.contains(atOne), "x = 1 should agree: " + failing);
    assertEquals(SwishCheck.INPUTS.length - 1, failing.size());
    assertTrue(failure.getMessage().contains("analytic") && failure.getMessage().contains("numeric"));
  }

  @Test
  void theBuggyRuleDiffersByTheLostTerm() {
    SwishCheck check = findings.swish();
    for (int j = 0; j < check.inputs().length; j++) {
      double x = check.inputs()[j];
      double s = 1 / (1 + Math.exp(-x));
      assertEquals(s + x * s * (1 - s), check.fixedAnalytic()[j], 1e-12);
      assertEquals(s + s * (1 - s), check.buggyAnalytic()[j], 1e-12);
      assertEquals(s + x * s * (1 - s), check.numeric()[j], 1e-8, "central difference at x = " + x);
    }
  }

  @Test
  void relativeErrorCallsTheBuggyOpWrongAndTheFixedOneFine() {
    assertEquals(Verdict.WRONG, Verdict.of(findings.swish().buggyRelativeError()));
    assertEquals(Verdict.FINE, Verdict.of(findings.swish().fixedRelativeError()));
  }

  @Test
  void theFixedSwishPassesFirstAndSecondOrderChecks() {
    GradCheck.gradGrad(in -> new Swish().apply(in[0]), Tensor.of(SwishCheck.INPUTS).requiresGrad());
  }

  @Provide
  Arbitrary<Shape> shapes() {
    return Generators.shapes(3, 4);
  }

  @Property(tries = 30)
  void swishGradientMatchesFiniteDifferences(@ForAll("shapes") Shape shape, @ForAll long seed) {
    GradCheck.gradGrad(in -> new Swish().apply(in[0]), Generators.uniform(shape, seed, -5, 5).requiresGrad());
  }

  @Property(tries = 30)
  void buggySwishIsCaughtAwayFromOne(@ForAll("shapes") Shape shape, @ForAll long seed) {
    Tensor x = Generators.uniform(shape, seed, -2, 0).requiresGrad(); // (1 - x) s (1 - s) >= 0.1 here
    assertThrows(GradCheckException.class, () -> GradCheck.check(in -> new BuggySwish().apply(in[0]), x));
  }

  @Test
  void aCentralDifferenceAtAKinkAveragesTheSlopes() {
    KinkCheck kink = findings.kink();
    int atZero = indexOf(kink.reluInputs(), 0.0);
    assertEquals(0.0, kink.reluAnalytic()[atZero]);
    assertEquals(0.5, kink.reluNumeric()[atZero], 1e-9);
    int nearZero = indexOf(kink.absInputs(), 1e-7);
    assertEquals(1.0, kink.absAnalytic()[nearZero]);
    assertEquals(0.1, kink.absNumeric()[nearZero], 1e-6); // (1e-7 + eps - (eps - 1e-7)) / (2 eps)
  }

  @Test
  void gradCheckMarksExactlyTheKinks() {
    GradCheckException failure = findings.kink().failure();
    List<Mismatch> mismatches = failure.mismatches();
    assertEquals(2, mismatches.size(), failure.getMessage());
    assertTrue(mismatches.stream().allMatch(Mismatch::onKink), failure.getMessage());
    assertEquals(Set.of("u", "v"), mismatches.stream().map(Mismatch::label).collect(Collectors.toSet()));
    assertTrue(failure.getMessage().contains("KINK"));
  }

  @Test
  void truncationErrorFallsAsEpsSquaredForCentralAndEpsForForwardDifferences() {
    StepSizeSweep sweep = findings.sweep();
    assertEquals(1e-1, sweep.eps()[0], 1e-15);
    assertEquals(1e-2, sweep.eps()[2], 1e-16);
    assertEquals(2.0, sweep.slope(sweep.central64(), 0, 2), 0.05);
    assertEquals(1.0, sweep.slope(sweep.forward64(), 0, 2), 0.05);
  }

  @Test
  void roundOffSetsABestStepNearTheCubeAndSquareRootsOfTheUnitRoundoff() {
    StepSizeSweep sweep = findings.sweep();
    double central = sweep.bestStep(sweep.central64());
    double forward = sweep.bestStep(sweep.forward64());
    assertTrue(central >= 1e-6 && central <= 1e-4, "best central step " + central);
    assertTrue(forward >= 1e-9 && forward <= 1e-7, "best forward step " + forward);
    assertTrue(StepSizeSweep.smallest(sweep.central64()) < StepSizeSweep.smallest(sweep.forward64()));
    int last = sweep.eps().length - 1;
    assertTrue(sweep.central64()[last] > 1e3 * StepSizeSweep.smallest(sweep.central64()),
        "round-off should dominate at eps = 1e-12");
  }

  @Test
  void inFloat32NoStepIsFine() {
    StepSizeSweep sweep = findings.sweep();
    double best = StepSizeSweep.smallest(sweep.central32());
    assertTrue(best > Verdict.FINE_BELOW, "float32 best " + best);
    assertTrue(best > 1e3 * StepSizeSweep.smallest(sweep.central64()));
  }

  @Test
  void theRelativeErrorIsZeroForEqualAndOneForOppositeGradients() {
    double[] a = {0.5, -2, 3};
    assertEquals(0.0, FiniteDifferences.relativeError(a, a.clone()));
    assertEquals(1.0, FiniteDifferences.relativeError(a, new double[] {-0.5, 2, -3}), 1e-15);
    assertEquals(0.0, FiniteDifferences.relativeError(new double[2], new double[2]));
  }

  @Test
  void verdictThresholds() {
    assertEquals(Verdict.FINE, Verdict.of(5e-8));
    assertEquals(Verdict.CHECK, Verdict.of(1e-5));
    assertEquals(Verdict.WRONG, Verdict.of(1e-3));
  }

  private static int indexOf(double[] values, double value) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] == value) {
        return i;
      }
    }
    throw new AssertionError(value + " is not among the inputs");
  }
}
