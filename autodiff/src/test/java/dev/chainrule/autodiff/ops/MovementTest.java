package dev.chainrule.autodiff.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.chainrule.autodiff.Shape;
import org.junit.jupiter.api.Test;

/** The shape arithmetic of {@link Movement} behind transpose, flatten, squeeze and unsqueeze. */
class MovementTest {
  private final Shape shape = Shape.of(2, 3, 1, 4);

  @Test
  void swapIsThePermutationExchangingTwoAxes() {
    assertArrayEquals(new int[] {0, 3, 2, 1}, Movement.swap(shape, 1, -1));
  }

  @Test
  void flattenMergesAnInclusiveRangeOfAxes() {
    assertArrayEquals(new int[] {2, 12}, Movement.flatten(shape, 1, 3));
    assertArrayEquals(new int[] {24}, Movement.flatten(shape, 0, -1));
  }

  @Test
  void squeezeAndUnsqueezeRemoveAndInsertSizeOneAxes() {
    assertArrayEquals(new int[] {2, 3, 4}, Movement.squeeze(shape, 2));
    assertArrayEquals(new int[] {2, 3, 1, 4, 1}, Movement.unsqueeze(shape, -1));
    assertArrayEquals(new int[] {1, 2, 3, 1, 4}, Movement.unsqueeze(shape, 0));
  }
}
