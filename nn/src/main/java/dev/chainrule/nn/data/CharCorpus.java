package dev.chainrule.nn.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A text for character-level language modelling, encoded with its {@link CharVocabulary} and split by position:
 * the first {@code trainFraction} of the characters for training, the rest for validation (no shuffling, so no
 * window of one part overlaps the other).
 */
public final class CharCorpus {
  /** The fraction of {@link #tinyShakespeare()} used for training; the last 10% is validation. */
  public static final double TINY_SHAKESPEARE_TRAIN_FRACTION = 0.9;

  private final CharVocabulary vocabulary;
  private final long[] codes;
  private final int trainLength;

  private CharCorpus(String text, double trainFraction) {
    this.vocabulary = CharVocabulary.of(text);
    this.codes = vocabulary.encode(text);
    this.trainLength = (int) Math.round(codes.length * trainFraction);
  }

  /**
   * {@code text} split at {@code round(length * trainFraction)}.
   *
   * @throws IllegalArgumentException when {@code text} is empty or {@code trainFraction} is not in {@code [0, 1]}
   */
  public static CharCorpus of(String text, double trainFraction) {
    checkNotNull(text, "CharCorpus: text must not be null");
    checkArgument(trainFraction >= 0 && trainFraction <= 1, "CharCorpus: trainFraction %s must be in [0, 1]",
        trainFraction);
    return new CharCorpus(text, trainFraction);
  }

  /**
   * Tiny Shakespeare (the char-rnn corpus, public domain text; bundled as {@code tinyshakespeare.txt.gz}): 1,115,394
   * characters, 65 distinct, the first 90% for training and the last 10% for validation.
   */
  public static CharCorpus tinyShakespeare() {
    String name = "tinyshakespeare.txt.gz";
    try (InputStream raw = CharCorpus.class.getResourceAsStream(name)) {
      if (raw == null) {
        throw new IllegalStateException("CharCorpus: resource dev/chainrule/nn/data/" + name
            + " is missing from the class path; is the chainrule-nn jar complete?");
      }
      try (InputStream in = Gzip.maybeDecompress(raw)) {
        return of(new String(in.readAllBytes(), StandardCharsets.UTF_8), TINY_SHAKESPEARE_TRAIN_FRACTION);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("CharCorpus: cannot read bundled resource " + name, e);
    }
  }

  public CharVocabulary vocabulary() {
    return vocabulary;
  }

  /** The number of characters in the whole text. */
  public int length() {
    return codes.length;
  }

  /** The codes of the training part, the first characters of the text (a copy). */
  public long[] train() {
    return Arrays.copyOfRange(codes, 0, trainLength);
  }

  /** The codes of the validation part, the characters after the training part (a copy). */
  public long[] validation() {
    return Arrays.copyOfRange(codes, trainLength, codes.length);
  }
}
