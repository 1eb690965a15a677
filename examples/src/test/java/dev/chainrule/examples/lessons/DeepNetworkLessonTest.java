package dev.chainrule.examples.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Shape;
import dev.chainrule.examples.lessons.ShapeWalk.LayerShapes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The claims of the deep-network lesson: the shape rules of the course, its backward formulas, the accuracy. */
class DeepNetworkLessonTest {
  private static DeepNetworkLesson.Result lesson;

  @BeforeAll
  static void runLesson() {
    lesson = DeepNetworkLesson.compute(DeepNetworkLesson.SIZES, DeepNetworkLesson.EPOCHS);
  }

  @Test
  void everyLayerFollowsTheShapeRules() {
    checkShapes(lesson);
  }

  @Test
  void theShapeRulesHoldForOtherLayerSizesToo() {
    checkShapes(DeepNetworkLesson.compute(new int[] {64, 20, 24, 12, 10}, 1));
  }

  @Test
  void theCoursesBackwardFormulasGiveAutodiffsGradients() {
    assertTrue(lesson.formulaGap() < 1e-6, "largest difference " + lesson.formulaGap());
  }

  @Test
  void trainingLowersTheLossAndBeatsNinetyThreePercentOnTheTestSplit() {
    double[] loss = lesson.history().values("loss");
    assertEquals(DeepNetworkLesson.EPOCHS, loss.length);
    assertTrue(loss[loss.length - 1] < loss[0] / 10, "loss went from " + loss[0] + " to " + loss[loss.length - 1]);
    assertTrue(lesson.testAccuracy() > 0.93, "test accuracy " + lesson.testAccuracy());
    assertEquals(270, lesson.testSize());
  }

  @Test
  void theMisclassifiedDigitsAreExactlyTheTestErrors() {
    long errors = Math.round((1 - lesson.testAccuracy()) * lesson.testSize());
    assertEquals(errors, lesson.misclassified().size());
    for (DigitGallery.Digit d : lesson.misclassified()) {
      assertTrue(d.truth() != d.predicted(), d.truth() + " seen as " + d.predicted());
      for (double pixel : d.pixels()) {
        assertTrue(pixel >= 0 && pixel <= 16, "raw grey level " + pixel);
      }
    }
  }

  @Test
  void layerSizesMustRunFromPixelsToClasses() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DeepNetworkLesson.compute(new int[] {64, 32, 5}, 1));
    assertTrue(e.getMessage().contains("[64, 32, 5]"), e.getMessage());
  }

  /** W[l] is (n[l], n[l-1]), b[l] is (n[l]), Z[l] and A[l] are (m, n[l]); each gradient has its value's shape. */
  private static void checkShapes(DeepNetworkLesson.Result r) {
    int[] n = r.sizes();
    int m = r.batch();
    assertEquals(n.length - 1, r.shapes().size());
    for (LayerShapes s : r.shapes()) {
      int l = s.layer();
      assertEquals(n[l], s.units());
      assertEquals(Shape.of(n[l], n[l - 1]), s.w(), "W[" + l + "]");
      assertEquals(Shape.of(n[l]), s.b(), "b[" + l + "]");
      assertEquals(Shape.of(m, n[l]), s.z(), "Z[" + l + "]");
      assertEquals(Shape.of(m, n[l]), s.a(), "A[" + l + "]");
      assertEquals(s.w(), s.dw(), "dW[" + l + "]");
      assertEquals(s.b(), s.db(), "db[" + l + "]");
      assertEquals(s.z(), s.dz(), "dZ[" + l + "]");
      assertEquals(s.a(), s.da(), "dA[" + l + "]");
    }
  }
}
