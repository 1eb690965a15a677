package dev.chainrule.examples.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What lesson 13 claims, checked on its typed result. */
class CnnLessonTest {
  private static CnnLesson.Result result;

  @BeforeAll
  static void runOnce() {
    result = CnnLesson.compute();
  }

  @Test
  void theOutputCheckedByHandIsTheFilterTimesTheWindowUnderIt() {
    assertEquals(result.handValue(), result.convValue(), 1e-9);
    double[] image = result.image();
    int r = CnnLesson.ROW;
    int c = CnnLesson.COLUMN;
    // the vertical-edge filter: left column minus right column, the middle row counted twice
    double expected = image[(r - 1) * 8 + c - 1] + 2 * image[r * 8 + c - 1] + image[(r + 1) * 8 + c - 1]
        - image[(r - 1) * 8 + c + 1] - 2 * image[r * 8 + c + 1] - image[(r + 1) * 8 + c + 1];
    assertEquals(expected, result.convValue(), 1e-9);
  }

  @Test
  void everyMapIsTheFilterSlidOverTheZeroPaddedImage() {
    double[] image = result.image();
    for (int f = 0; f < CnnLesson.FILTERS.length; f++) {
      for (int r = 0; r < 8; r++) {
        for (int c = 0; c < 8; c++) {
          double sum = 0;
          for (int i = -1; i <= 1; i++) {
            for (int j = -1; j <= 1; j++) {
              boolean inside = r + i >= 0 && r + i < 8 && c + j >= 0 && c + j < 8;
              sum += inside ? CnnLesson.FILTERS[f][(i + 1) * 3 + j + 1] * image[(r + i) * 8 + c + j] : 0;
            }
          }
          assertEquals(sum, result.maps()[f][r * 8 + c], 1e-9, "map " + f + " at " + r + ", " + c);
        }
      }
    }
  }

  @Test
  void poolingKeepsTheLargestOfEachTwoByTwoWindow() {
    double[] map = result.maps()[0];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        double max = Math.max(Math.max(map[2 * i * 8 + 2 * j], map[2 * i * 8 + 2 * j + 1]),
            Math.max(map[(2 * i + 1) * 8 + 2 * j], map[(2 * i + 1) * 8 + 2 * j + 1]));
        assertEquals(max, result.pooled()[i * 4 + j], 0);
      }
    }
  }

  @Test
  void sharingOneFilterAcrossTheImageCutsTheParameters() {
    assertEquals(16 * 9 + 16, result.convParameters());
    assertEquals(64 * 1024 + 1024, result.denseParameters());
    assertEquals(416, result.denseParameters() / result.convParameters());
  }

  @Test
  void theNarrationShowsTheConvolutionsGradientsAsConvolutions() {
    List<String> lines = result.narration();
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("dL/dW (1, 1, 3, 3) += conv(X (1, 1, 8, 8), dL/dY")),
        String.join("\n", lines));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("dL/dX (1, 1, 8, 8) += convTranspose(dL/dY")),
        String.join("\n", lines));
  }

  @Test
  void theSmallCnnDoesAtLeastAsWellAsLessonFoursNetworkWithFewerParameters() {
    assertEquals(8 * 9 + 8 + 128 * 10 + 10, result.cnnParameters());
    assertTrue(result.cnnParameters() < result.mlpParameters() / 2.0 + 1, result.cnnParameters() + " vs "
        + result.mlpParameters());
    assertTrue(result.cnnAccuracy() >= result.mlpAccuracy(), result.cnnAccuracy() + " vs " + result.mlpAccuracy());
    assertTrue(result.cnnAccuracy() > 0.95, "test accuracy " + result.cnnAccuracy());
  }
}
