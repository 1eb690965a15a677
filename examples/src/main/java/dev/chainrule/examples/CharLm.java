package dev.chainrule.examples;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.layers.Embedding;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.layers.recurrent.LSTM;
import dev.chainrule.nn.layers.recurrent.RecurrentOptions;

/**
 * A character-level language model: {@code Embedding(V, E) -> LSTM(E, H, batch first) -> Linear(H, V)}. For INT64
 * character indices {@code x (B, T)} it gives logits {@code (B, T, V)}, {@code logits[b, t]} scoring the character
 * after {@code x[b, t]} given {@code x[b, 0..t]}; the gradient is backpropagation through time by the layers'
 * ops. Parameter names are {@code embedding.weight}, {@code lstm.weight_ih_l0} ..., {@code head.weight},
 * {@code head.bias}.
 */
public final class CharLm extends Module {
  /** The logits {@code (B, T, V)} and the LSTM state after the last step. */
  public record Output(Tensor logits, LSTM.State state) {}

  private final Embedding embedding;
  private final LSTM lstm;
  private final Linear head;

  /** A model over {@code vocabulary} characters, embeddings of {@code embeddingDim}, {@code hidden} LSTM units. */
  public CharLm(int vocabulary, int embeddingDim, int hidden, Rng rng) {
    checkArgument(vocabulary > 0 && embeddingDim > 0 && hidden > 0, "CharLm: vocabulary %s, embedding %s and"
        + " hidden %s must be positive", vocabulary, embeddingDim, hidden);
    checkNotNull(rng, "CharLm: rng must not be null");
    embedding = registerModule("embedding", new Embedding(vocabulary, embeddingDim, null, rng));
    lstm = registerModule("lstm", new LSTM(RecurrentOptions.of(embeddingDim, hidden).withBatchFirst(true), rng));
    head = registerModule("head", new Linear(hidden, vocabulary, rng));
  }

  /** The logits {@code (B, T, V)} for {@code x (B, T)} from a zero state. */
  @Override
  public Tensor forward(Tensor x) {
    return call(x, null).logits();
  }

  /** The logits for {@code x (B, T)} continuing from {@code state} ({@code null}: zeros), and the state after. */
  public Output call(Tensor x, LSTM.State state) {
    return invoke(() -> {
      LSTM.Output out = lstm.call(embedding.call(x), state);
      return new Output(head.call(out.output()), out.state());
    });
  }

  /** The number of parameters of a model of these sizes, without building it. */
  public static long parameterCount(int vocabulary, int embeddingDim, int hidden) {
    return (long) vocabulary * embeddingDim + 4L * hidden * (embeddingDim + hidden + 2)
        + (long) vocabulary * (hidden + 1);
  }
}
