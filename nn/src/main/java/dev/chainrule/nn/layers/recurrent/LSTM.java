package dev.chainrule.nn.layers.recurrent;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import java.util.List;

/**
 * A stacked long short-term memory network, PyTorch's {@code nn.LSTM}: per layer, direction and time step,
 * {@link LSTMCell}'s step {@code c_t = f * c_{t-1} + i * g}, {@code h_t = o * tanh(c_t)} over {@code x_t}, the
 * input (layer 0) or the previous layer's output at {@code t}, with dropout between layers in training. Shapes as
 * in {@link RNN}, with four gates: {@code weight_ih_l0 (4H, F)}, {@code weight_hh_l0 (4H, H)}, {@code bias_ih_l0
 * (4H)}, {@code bias_hh_l0 (4H)}, gate order {@code i, f, g, o}; the states {@code h} and {@code c} are both
 * {@code (numLayers D, N, H)}.
 *
 * <p>Gradient: backpropagation through time, by the autodiff ops the steps are built from (see
 * {@link LSTMCell}); the cell state carries {@code dc_{t-1} = dc_t f_t} back without passing through a weight.
 */
public final class LSTM extends RecurrentLayer {
  /** The hidden state {@code h} and cell state {@code c} of every layer and direction, each {@code (L D, N, H)}. */
  public record State(Tensor h, Tensor c) {
    public State {
      checkNotNull(h, "LSTM.State: h must not be null");
      checkNotNull(c, "LSTM.State: c must not be null");
    }
  }

  /** The output sequence and the final state {@code (h_n, c_n)}. */
  public record Output(Tensor output, State state) {}

  /** One layer, time-major, with biases. */
  public LSTM(int inputSize, int hiddenSize, Rng rng) {
    this(RecurrentOptions.of(inputSize, hiddenSize), rng);
  }

  public LSTM(RecurrentOptions options, Rng rng) {
    super("LSTM", options, 4, rng);
  }

  /** The output sequence from a zero initial state. */
  @Override
  public Tensor forward(Tensor input) {
    return run(input, null).output();
  }

  /**
   * The output sequence and final state from {@code initial = (h0, c0)}, or zeros when it is {@code null}
   * (PyTorch's {@code hx=None}).
   *
   * @throws IllegalArgumentException naming the layer and the shapes when {@code input}, {@code h0} or
   *     {@code c0} is mis-shaped
   */
  public Output call(Tensor input, State initial) {
    return invoke(() -> {
      Run r = run(input, initial == null ? null : List.of(initial.h(), initial.c()));
      return new Output(r.output(), new State(r.states().get(0), r.states().get(1)));
    });
  }

  @Override
  List<String> stateNames() {
    return List.of("h", "c");
  }

  @Override
  boolean addsRecurrentBias() {
    return false;
  }

  @Override
  List<Tensor> step(Tensor xg, List<Tensor> state, Tensor whh, Tensor bhh) {
    return List.of(Steps.lstm(xg, state.get(0), state.get(1), whh, bhh));
  }
}
