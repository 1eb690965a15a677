package dev.chainrule.nn.layers.recurrent;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import java.util.List;

/**
 * A stacked Elman network, PyTorch's {@code nn.RNN}: per layer {@code l}, direction and time step,
 * {@code h_t = act(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)} ({@link RNNCell}'s step, {@code act} tanh or
 * relu), {@code x_t} the input (layer 0) or the previous layer's output at {@code t}, dropout between layers in
 * training. Shapes as in PyTorch, with {@code D = 2} when bidirectional, else 1: input {@code (T, N, F)} (or
 * {@code (N, T, F)} with {@code batchFirst}), output {@code (T, N, D H)} (or batch-first), the concatenated last
 * layer's {@code h_t} of both directions; states {@code (numLayers D, N, H)}, index {@code l D + d}. Parameters
 * per layer and direction: {@code weight_ih_l0 (H, F)} ({@code (H, D H)} above layer 0), {@code weight_hh_l0
 * (H, H)}, {@code bias_ih_l0 (H)}, {@code bias_hh_l0 (H)}, {@code ..._reverse} for the backward direction; see
 * {@link RecurrentOptions} and the package description for the cost.
 *
 * <p>Gradient: backpropagation through time, by the autodiff ops the steps are built from; the state's gradient
 * at each step is {@code dh_{t-1} = (dL/dh_t-from-above + dh_t) act'(a_t) W_hh}.
 */
public final class RNN extends RecurrentLayer {
  /** The output sequence and the final hidden state {@code h_n (numLayers D, N, H)}. */
  public record Output(Tensor output, Tensor hN) {}

  private final Nonlinearity nonlinearity;

  /** One tanh layer, time-major, with biases. */
  public RNN(int inputSize, int hiddenSize, Rng rng) {
    this(RecurrentOptions.of(inputSize, hiddenSize), Nonlinearity.TANH, rng);
  }

  public RNN(RecurrentOptions options, Nonlinearity nonlinearity, Rng rng) {
    super("RNN", options, 1, rng);
    this.nonlinearity = checkNotNull(nonlinearity, "RNN: nonlinearity must not be null");
  }

  /** The output sequence from a zero initial state. */
  @Override
  public Tensor forward(Tensor input) {
    return run(input, null).output();
  }

  /**
   * The output sequence and final state from {@code h0 (numLayers D, N, H)}, or zeros when it is {@code null}
   * (PyTorch's {@code hx=None}).
   *
   * @throws IllegalArgumentException naming the layer and the shapes when {@code input} or {@code h0} is
   *     mis-shaped
   */
  public Output call(Tensor input, Tensor h0) {
    return invoke(() -> {
      Run r = run(input, h0 == null ? null : List.of(h0));
      return new Output(r.output(), r.states().get(0));
    });
  }

  @Override
  List<String> stateNames() {
    return List.of("h");
  }

  @Override
  boolean addsRecurrentBias() {
    return false;
  }

  @Override
  List<Tensor> step(Tensor xg, List<Tensor> state, Tensor whh, Tensor bhh) {
    return List.of(Steps.rnn(xg, state.get(0), whh, bhh, nonlinearity));
  }

  public Nonlinearity nonlinearity() {
    return nonlinearity;
  }

  @Override
  protected String extraRepr() {
    return super.extraRepr() + (nonlinearity == Nonlinearity.TANH ? "" : ", nonlinearity=" + nonlinearity);
  }
}
