package dev.chainrule.examples.lessons;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.examples.CharLm;
import dev.chainrule.examples.CharLmLoss;
import dev.chainrule.examples.CharSampler;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.CharCorpus;
import dev.chainrule.nn.data.CharVocabulary;
import dev.chainrule.nn.data.CharWindows;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.GradClip;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Lesson 14's character model at work: a small {@link CharLm} trained on Tiny Shakespeare with Adam (each step the
 * mean next-character cross-entropy of {@value #BATCH} random windows of {@value #LENGTH} characters, gradients
 * clipped to global norm {@value #CLIP_NORM}), stopped at given step counts to measure its validation loss and to
 * sample {@value #SAMPLE_LENGTH} characters after the prime {@value #PRIME}. All seeds are fixed, so a schedule
 * always gives the same snapshots; a shorter schedule gives the same snapshots at the steps they share.
 */
final class CharLmProgress {
  static final int EMBEDDING = 32;
  static final int HIDDEN = 128;
  static final int BATCH = 16;
  static final int LENGTH = 32;
  static final double LEARNING_RATE = 0.002;
  static final double CLIP_NORM = 1.0;
  /** Validation batches, of {@value #BATCH} windows each, drawn once and measured at every snapshot. */
  static final int VALIDATION_BATCHES = 20;
  static final String PRIME = "ROMEO:";
  static final int SAMPLE_LENGTH = 200;
  static final double TEMPERATURE = 0.8;
  private static final long SEED = 1414;
  private static final long SAMPLE_SEED = 7;

  /** The model after {@code step} steps: validation loss in nats/char, its sample, seconds of training so far. */
  record Snapshot(int step, double validationLoss, String sample, double seconds) {}

  /** The snapshots in step order, the vocabulary size, the number of parameters, the training text's words. */
  record Run(List<Snapshot> snapshots, int vocabulary, long parameters, Set<String> words) {
    /**
     * The share of the whitespace-separated tokens of {@code text} that, as a {@link #word}, are among
     * {@link #words()}; tokens without a letter are not counted.
     */
    double wordShare(String text) {
      int found = 0;
      int counted = 0;
      for (String token : text.split("\\s+")) {
        String w = word(token);
        if (!w.isEmpty()) {
          counted++;
          found += words.contains(w) ? 1 : 0;
        }
      }
      return counted == 0 ? 0 : (double) found / counted;
    }
  }

  private CharLmProgress() {}

  /**
   * Trains to the last of {@code steps} (increasing, the first at least 0) and takes a snapshot at each.
   *
   * @throws IllegalArgumentException when {@code steps} is empty, negative or not increasing
   */
  static Run train(int... steps) {
    checkArgument(steps.length > 0 && steps[0] >= 0, "CharLmProgress.train: steps %s must be non-empty and start at"
        + " 0 or later", Arrays.toString(steps));
    for (int i = 1; i < steps.length; i++) {
      checkArgument(steps[i] > steps[i - 1], "CharLmProgress.train: steps %s must increase",
          Arrays.toString(steps));
    }
    CharCorpus corpus = CharCorpus.tinyShakespeare();
    CharVocabulary vocabulary = corpus.vocabulary();
    long[] train = corpus.train();
    Rng rng = new Rng(SEED);
    CharLm model = new CharLm(vocabulary.size(), EMBEDDING, HIDDEN, rng.split());
    CharWindows windows = new CharWindows(train, BATCH, LENGTH, rng.nextLong());
    List<Batch> validation = CharLmLoss.fixedBatches(corpus.validation(), BATCH, LENGTH, VALIDATION_BATCHES,
        rng.nextLong());
    List<Tensor> parameters = model.parameters();
    Adam adam = new Adam(parameters, LEARNING_RATE);
    List<Snapshot> snapshots = new ArrayList<>();
    long training = 0; // nanoseconds spent in training steps, not measuring or sampling
    int step = 0;
    for (int until : steps) {
      long start = System.nanoTime();
      for (; step < until; step++) {
        adam.zeroGrad();
        CharLmLoss.of(model, windows.next()).backward();
        GradClip.byGlobalNorm(parameters, CLIP_NORM);
        adam.step();
      }
      training += System.nanoTime() - start;
      double loss = CharLmLoss.mean(model, validation);
      String sample = CharSampler.sample(model, vocabulary, PRIME, SAMPLE_LENGTH, TEMPERATURE,
          new Rng(SAMPLE_SEED));
      snapshots.add(new Snapshot(step, loss, sample, training / 1e9));
    }
    return new Run(snapshots, vocabulary.size(), CharLm.parameterCount(vocabulary.size(), EMBEDDING, HIDDEN),
        words(vocabulary.decode(train)));
  }

  /** The distinct {@link #word}s of {@code text}'s whitespace-separated tokens. */
  static Set<String> words(String text) {
    Set<String> words = new HashSet<>();
    for (String token : text.split("\\s+")) {
      String w = word(token);
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    return words;
  }

  /** A token as a word: lower case, without the punctuation around it ({@code "Romeo,"} is {@code romeo}). */
  static String word(String token) {
    return token.toLowerCase(Locale.ROOT).replaceAll("^[^a-z]+|[^a-z]+$", "");
  }
}
