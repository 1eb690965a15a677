package dev.chainrule.examples;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.data.CharVocabulary;
import dev.chainrule.nn.layers.recurrent.LSTM;

/**
 * Text from a {@link CharLm}: the prime is fed through the model once; then each next character is drawn from
 * {@code p = softmax(logits / temperature)} with a seeded {@link Rng} and fed back one step at a time, carrying the
 * LSTM state. No graph is recorded and the model is in evaluation mode. The same model, prime and seed give the
 * same text.
 */
public final class CharSampler {
  private CharSampler() {}

  /**
   * {@code length} characters following {@code prime} (the prime itself not included).
   *
   * @throws IllegalArgumentException when {@code prime} is empty or has a character outside {@code vocabulary},
   *     {@code length < 1}, or {@code temperature} is not positive and finite
   */
  public static String sample(CharLm model, CharVocabulary vocabulary, String prime, int length, double temperature,
      Rng rng) {
    checkNotNull(model, "CharSampler.sample: model must not be null");
    checkNotNull(vocabulary, "CharSampler.sample: vocabulary must not be null");
    checkNotNull(rng, "CharSampler.sample: rng must not be null");
    checkArgument(prime != null && !prime.isEmpty(), "CharSampler.sample: prime must not be empty");
    checkArgument(length >= 1, "CharSampler.sample: length %s must be at least 1", length);
    checkArgument(temperature > 0 && Double.isFinite(temperature),
        "CharSampler.sample: temperature %s must be positive and finite", temperature);
    StringBuilder text = new StringBuilder(length);
    try (var off = GradMode.off(); var evaluating = Module.evaluating()) {
      long[] codes = vocabulary.encode(prime);
      CharLm.Output out = model.call(Tensor.of(codes, 1, codes.length), null);
      LSTM.State state = out.state();
      Tensor last = out.logits().indexSelect(1, codes.length - 1).reshape(vocabulary.size());
      for (int i = 0; i < length; i++) {
        int next = draw(last.div(temperature).softmax(0).toDoubleArray(), rng);
        text.append(vocabulary.character(next));
        out = model.call(Tensor.of(new long[] {next}, 1, 1), state);
        state = out.state();
        last = out.logits().reshape(vocabulary.size());
      }
    }
    return text.toString();
  }

  /** An index drawn with probabilities {@code p} (which sum to 1 up to rounding; the last absorbs the rest). */
  private static int draw(double[] p, Rng rng) {
    double u = rng.nextDouble();
    double cumulative = 0;
    for (int i = 0; i < p.length - 1; i++) {
      cumulative += p[i];
      if (u < cumulative) {
        return i;
      }
    }
    return p.length - 1;
  }
}
