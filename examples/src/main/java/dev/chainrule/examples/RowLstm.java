package dev.chainrule.examples;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.layers.Sequential;
import dev.chainrule.nn.layers.Unflatten;
import dev.chainrule.nn.layers.recurrent.LSTM;
import dev.chainrule.nn.layers.recurrent.RecurrentOptions;

/**
 * A sequence classifier: {@code LSTM(F, H, batch first) -> Linear(H, C)} on the hidden state after the last step.
 * For sequences {@code x (N, T, F)} the LSTM gives {@code h_T (1, N, H)}; the logits are
 * {@code h_T W^T + b}, {@code (N, C)}. The gradient is backpropagation through time by the layers' ops, entering
 * the sequence only at its last step. Parameter names are {@code lstm.weight_ih_l0} ..., {@code head.weight},
 * {@code head.bias}.
 *
 * <p>{@link #imageRows} reads an image as the sequence of its rows: an {@code H x W} image is {@code H} steps of
 * {@code W} features, so a Fashion-MNIST image is 28 steps of 28 pixels.
 */
public final class RowLstm extends Module {
  private final LSTM lstm;
  private final Linear head;

  /** A classifier of sequences of {@code features} per step into {@code classes}, with {@code hidden} units. */
  public RowLstm(int features, int hidden, int classes, Rng rng) {
    checkArgument(features > 0 && hidden > 0 && classes > 0, "RowLstm: features %s, hidden %s and classes %s must"
        + " be positive", features, hidden, classes);
    checkNotNull(rng, "RowLstm: rng must not be null");
    lstm = registerModule("lstm", new LSTM(RecurrentOptions.of(features, hidden).withBatchFirst(true), rng));
    head = registerModule("head", new Linear(hidden, classes, rng));
  }

  /**
   * The network on rows of {@code height * width} pixels, as a standardiser and a CSV of samples give them:
   * {@code Unflatten(1, (height, width))} into {@code (N, height, width)}, then a {@code RowLstm(width, hidden,
   * classes)} reading the image row by row, top to bottom.
   */
  public static Sequential imageRows(int height, int width, int hidden, int classes, Rng rng) {
    checkArgument(height > 0 && width > 0, "RowLstm: images of %sx%s must have positive sides", height, width);
    return new Sequential(new Unflatten(1, height, width), new RowLstm(width, hidden, classes, rng));
  }

  /** The logits {@code (N, C)} for sequences {@code x (N, T, F)}, from a zero initial state. */
  @Override
  public Tensor forward(Tensor x) {
    checkArgument(x.rank() == 3, "RowLstm: input of shape %s must be (N, T, F), a batch of sequences", x.shape());
    Tensor last = lstm.call(x, null).state().h();
    return head.call(last.squeeze(0));
  }

  /** The number of parameters of a network of these sizes, without building it. */
  public static long parameterCount(int features, int hidden, int classes) {
    return 4L * hidden * (features + hidden + 2) + (long) classes * (hidden + 1);
  }
}
