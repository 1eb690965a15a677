package dev.chainrule.nn.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;

/**
 * Random windows of an encoded text for next-character prediction: each {@link #next()} batch has INT64
 * {@code features (B, T)}, {@code B} windows {@code codes[s .. s+T)} at start positions {@code s} drawn uniformly
 * from {@code [0, length - T)} with the seeded {@link Rng}, and INT64 {@code labels (B, T)}, the same windows shifted
 * by one, {@code codes[s+1 .. s+T]}, so {@code labels[b, t]} is the character after {@code features[b, t]}. The same
 * seed gives the same batches in the same order. Not thread-safe.
 */
public final class CharWindows {
  private final long[] codes;
  private final int batchSize;
  private final int length;
  private final Rng rng;

  /**
   * Windows of {@code length} characters, {@code batchSize} at a time, of {@code codes} (not copied, not to be
   * changed while in use).
   *
   * @throws IllegalArgumentException when a size is not positive or {@code codes} has fewer than {@code length + 1}
   *     entries
   */
  public CharWindows(long[] codes, int batchSize, int length, long seed) {
    checkNotNull(codes, "CharWindows: codes must not be null");
    checkArgument(batchSize > 0 && length > 0, "CharWindows: batchSize %s and length %s must be positive",
        batchSize, length);
    checkArgument(codes.length > length, "CharWindows: a text of %s characters is too short for windows of %s"
        + " characters and their next characters (needs at least %s)", codes.length, length, length + 1);
    this.codes = codes;
    this.batchSize = batchSize;
    this.length = length;
    this.rng = new Rng(seed);
  }

  /** The next batch of windows and their targets, each {@code (batchSize, length)} INT64. */
  public Batch next() {
    long[] inputs = new long[batchSize * length];
    long[] targets = new long[batchSize * length];
    for (int b = 0; b < batchSize; b++) {
      int start = rng.nextInt(codes.length - length);
      System.arraycopy(codes, start, inputs, b * length, length);
      System.arraycopy(codes, start + 1, targets, b * length, length);
    }
    return new Batch(Tensor.of(inputs, batchSize, length), Tensor.of(targets, batchSize, length));
  }

  public int batchSize() {
    return batchSize;
  }

  public int length() {
    return length;
  }
}
