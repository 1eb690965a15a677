package dev.chainrule.nn.layers;

import java.util.Arrays;
import java.util.stream.IntStream;

/** Shapes for the normalisation-layer properties: leading dimensions followed by a normalised shape. */
final class NormShapes {
  private NormShapes() {}

  /** The first {@code rank} of {@code dims}. */
  static int[] take(int rank, int... dims) {
    return Arrays.copyOf(dims, rank);
  }

  /** {@code lead} followed by {@code trailing}. */
  static int[] concat(int[] lead, int[] trailing) {
    return IntStream.concat(Arrays.stream(lead), Arrays.stream(trailing)).toArray();
  }

  /** The product of {@code dims}, 1 for none. */
  static int size(int... dims) {
    return Arrays.stream(dims).reduce(1, (a, b) -> a * b);
  }
}
