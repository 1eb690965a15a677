package dev.chainrule.examples.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.examples.lessons.InitExperiments.DepthRun;
import dev.chainrule.examples.lessons.InitExperiments.SymmetryRun;
import dev.chainrule.nn.diagnostics.SymmetryReport;
import dev.chainrule.nn.diagnostics.SymmetryReport.Finding;
import dev.chainrule.nn.diagnostics.SymmetryReport.Kind;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The claims of the initialization lesson: symmetry with zeros, and the gradient norms of each scheme. */
class InitializationLessonTest {
  private static InitializationLesson.Result lesson;

  @BeforeAll
  static void runLesson() {
    lesson = InitializationLesson.compute();
  }

  @Test
  void withZerosTheDetectorFiresOnTheHiddenLayerBeforeAndAfterTraining() {
    SymmetryRun zeros = lesson.symmetry(InitScheme.ZEROS);
    for (SymmetryReport report : List.of(zeros.atStart(), zeros.afterTraining())) {
      for (Kind kind : Kind.values()) {
        Finding hidden = report.findings().stream()
            .filter(f -> f.layer().equals("0") && f.kind() == kind).findFirst().orElseThrow();
        assertEquals(List.of(IntStream.range(0, 16).boxed().toList()), hidden.groups(), kind.toString());
      }
    }
    assertEquals(InitExperiments.SYMMETRY_STEPS, zeros.steps());
    assertTrue(zeros.hiddenWeightNorm() > 0.1, "the hidden layer learned nothing: " + zeros.hiddenWeightNorm());
  }

  @Test
  void withZerosTheOutputUnitsSeparateBecauseTheirLabelsDiffer() {
    SymmetryRun zeros = lesson.symmetry(InitScheme.ZEROS);
    assertTrue(zeros.atStart().findings().stream().anyMatch(f -> f.layer().equals("2") && f.kind() == Kind.WEIGHTS));
    assertTrue(zeros.afterTraining().findings().stream().noneMatch(f -> f.layer().equals("2")),
        zeros.afterTraining().toString());
  }

  @Test
  void withAnyRandomStartTheDetectorFindsNothing() {
    for (InitScheme scheme : List.of(InitScheme.SMALL_RANDOM, InitScheme.XAVIER, InitScheme.HE)) {
      SymmetryRun run = lesson.symmetry(scheme);
      assertTrue(run.atStart().isEmpty(), scheme + ": " + run.atStart());
      assertTrue(run.afterTraining().isEmpty(), scheme + ": " + run.afterTraining());
    }
  }

  @Test
  void smallRandomWeightsMakeTheBackwardSignalVanishTowardsTheInput() {
    double[] bias = lesson.depth(InitScheme.SMALL_RANDOM).biasGradients();
    for (int l = 1; l < bias.length; l++) {
      assertTrue(bias[l - 1] < bias[l] / 10, "layer " + l + " gets " + bias[l - 1] + ", layer " + (l + 1) + " "
          + bias[l]);
    }
    assertTrue(bias[0] < 1e-6 * bias[bias.length - 1]);
  }

  @Test
  void smallRandomWeightsGetAMillionTimesSmallerWeightGradientsThanHeInEveryLayer() {
    double[] small = lesson.depth(InitScheme.SMALL_RANDOM).weightGradients();
    double[] he = lesson.depth(InitScheme.HE).weightGradients();
    assertEquals(InitExperiments.DEPTH, small.length);
    for (int l = 0; l < small.length; l++) {
      assertTrue(small[l] < 1e-6 * he[l], "layer " + (l + 1) + ": " + small[l] + " vs " + he[l]);
    }
  }

  @Test
  void heKeepsTheGradientNormsLevelAndXavierLetsTheSignalFadeUnderRelu() {
    DepthRun he = lesson.depth(InitScheme.HE);
    DepthRun xavier = lesson.depth(InitScheme.XAVIER);
    assertTrue(InitializationLesson.spread(he.weightGradients()) < 2, "He's spread "
        + InitializationLesson.spread(he.weightGradients()));
    double heRatio = he.biasGradients()[0] / he.biasGradients()[InitExperiments.DEPTH - 1];
    double xavierRatio = xavier.biasGradients()[0] / xavier.biasGradients()[InitExperiments.DEPTH - 1];
    assertTrue(heRatio > 0.3, "He: layer 1 over layer L " + heRatio);
    assertTrue(xavierRatio < heRatio / 2, "Xavier " + xavierRatio + ", He " + heRatio);
  }

  @Test
  void zerosAndSmallRandomDoNotLearnWhileHeLearnsFastest() {
    double chance = Math.log(10);
    for (InitScheme stuck : List.of(InitScheme.ZEROS, InitScheme.SMALL_RANDOM)) {
      for (double loss : lesson.depth(stuck).loss()) {
        assertEquals(chance, loss, 0.01, stuck.toString());
      }
    }
    double xavier = last(lesson.depth(InitScheme.XAVIER).loss());
    double he = last(lesson.depth(InitScheme.HE).loss());
    assertEquals(InitExperiments.EPOCHS, lesson.depth(InitScheme.HE).loss().length);
    assertTrue(he < xavier && xavier < 1, "He " + he + ", Xavier " + xavier);
  }

  private static double last(double[] values) {
    return values[values.length - 1];
  }
}
