package dev.chainrule.autodiff.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Shape;
import org.junit.jupiter.api.Test;

/** How {@link BroadcastRuns} cuts a broadcast operation into contiguous kernel calls. */
class BroadcastRunsTest {

  @Test
  void biasRowAddedToAMatrixIsOneRunPerRow() {
    BroadcastRuns runs = new BroadcastRuns(Shape.of(4, 3), Shape.of(3), Shape.of(4, 3));
    assertEquals(4, runs.count());
    assertEquals(3, runs.length());
    assertFalse(runs.aRepeats());
    assertFalse(runs.bRepeats());
    assertEquals(6, runs.offsetA(2));
    assertEquals(0, runs.offsetB(2), "the bias row is read from the start for every row");
  }

  @Test
  void columnAgainstRowRepeatsTheColumnValueAlongEachRun() {
    BroadcastRuns runs = new BroadcastRuns(Shape.of(3, 1), Shape.of(1, 4), Shape.of(3, 4));
    assertEquals(3, runs.count());
    assertEquals(4, runs.length());
    assertTrue(runs.aRepeats(), "a[i, 0] is one value repeated across the run");
    assertFalse(runs.bRepeats());
    assertEquals(2, runs.offsetA(2));
    assertEquals(0, runs.offsetB(2));
  }

  @Test
  void middleAxisBroadcastSplitsAtThatAxis() {
    BroadcastRuns runs = new BroadcastRuns(Shape.of(2, 3, 4), Shape.of(2, 1, 4), Shape.of(2, 3, 4));
    assertEquals(6, runs.count());
    assertEquals(4, runs.length());
    assertEquals(4 * 4, runs.offsetA(4)); // run 4 is (1, 1): 12 + 4
    assertEquals(4, runs.offsetB(4)); // b's run for (1, *) starts at 4, the same for every middle index
  }

  @Test
  void scalarOutputIsOneRunOfOne() {
    BroadcastRuns runs = new BroadcastRuns(Shape.scalar(), Shape.scalar(), Shape.scalar());
    assertEquals(1, runs.count());
    assertEquals(1, runs.length());
  }
}
