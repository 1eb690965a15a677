package dev.chainrule.nn.data;

import dev.chainrule.autodiff.Rng;

/** The Fisher-Yates shuffle shared by {@link DataLoader} and {@link Split}. */
final class Shuffle {
  private Shuffle() {}

  /** Permutes {@code values} uniformly at random from {@code rng}. */
  static void inPlace(int[] values, Rng rng) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int swap = values[i];
      values[i] = values[j];
      values[j] = swap;
    }
  }
}
