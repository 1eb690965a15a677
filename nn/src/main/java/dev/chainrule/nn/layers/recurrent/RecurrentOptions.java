package dev.chainrule.nn.layers.recurrent;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The shape and options of a sequence layer ({@link RNN}, {@link LSTM}, {@link GRU}), PyTorch's constructor
 * arguments: {@code RecurrentOptions.of(28, 64).withNumLayers(2).withBidirectional(true)}.
 *
 * @param inputSize the features {@code F} of each time step's input
 * @param hiddenSize the features {@code H} of the hidden state
 * @param numLayers stacked layers; layer {@code l > 0} reads layer {@code l - 1}'s output sequence
 * @param bias whether each layer and direction has {@code bias_ih} and {@code bias_hh}
 * @param batchFirst whether input and output sequences are {@code (N, T, F)} rather than {@code (T, N, F)}; the
 *     states are {@code (numLayers * directions, N, H)} either way, as in PyTorch
 * @param dropout the probability of zeroing an element of each layer's output but the last's, in training only
 *     (inverted dropout, as {@code Dropout}); in {@code [0, 1)}
 * @param bidirectional whether each layer also runs backward in time, its output concatenated after the
 *     forward direction's on the feature axis
 */
public record RecurrentOptions(int inputSize, int hiddenSize, int numLayers, boolean bias, boolean batchFirst,
    double dropout, boolean bidirectional) {
  public RecurrentOptions {
    checkArgument(inputSize > 0 && hiddenSize > 0, "recurrent layer: sizes must be positive, got input_size %s,"
        + " hidden_size %s", inputSize, hiddenSize);
    checkArgument(numLayers > 0, "recurrent layer: num_layers must be positive, got %s", numLayers);
    checkArgument(dropout >= 0 && dropout < 1, "recurrent layer: dropout must be in [0, 1), got %s", dropout);
  }

  /** PyTorch's defaults: one layer, biases, time-major {@code (T, N, F)}, no dropout, one direction. */
  public static RecurrentOptions of(int inputSize, int hiddenSize) {
    return new RecurrentOptions(inputSize, hiddenSize, 1, true, false, 0, false);
  }

  public RecurrentOptions withNumLayers(int layers) {
    return new RecurrentOptions(inputSize, hiddenSize, layers, bias, batchFirst, dropout, bidirectional);
  }

  public RecurrentOptions withBias(boolean on) {
    return new RecurrentOptions(inputSize, hiddenSize, numLayers, on, batchFirst, dropout, bidirectional);
  }

  public RecurrentOptions withBatchFirst(boolean on) {
    return new RecurrentOptions(inputSize, hiddenSize, numLayers, bias, on, dropout, bidirectional);
  }

  public RecurrentOptions withDropout(double p) {
    return new RecurrentOptions(inputSize, hiddenSize, numLayers, bias, batchFirst, p, bidirectional);
  }

  public RecurrentOptions withBidirectional(boolean on) {
    return new RecurrentOptions(inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, on);
  }

  /** 2 when bidirectional, else 1. */
  public int directions() {
    return bidirectional ? 2 : 1;
  }

  /** PyTorch's repr arguments: {@code 28, 64}, then each option that is not the default. */
  String repr() {
    StringBuilder sb = new StringBuilder().append(inputSize).append(", ").append(hiddenSize);
    if (numLayers != 1) {
      sb.append(", num_layers=").append(numLayers);
    }
    if (!bias) {
      sb.append(", bias=False");
    }
    if (batchFirst) {
      sb.append(", batch_first=True");
    }
    if (dropout != 0) {
      sb.append(", dropout=").append(dropout);
    }
    if (bidirectional) {
      sb.append(", bidirectional=True");
    }
    return sb.toString();
  }
}
