package dev.chainrule.nn.layers.recurrent;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import java.util.List;

/**
 * A stacked gated recurrent unit network, PyTorch's {@code nn.GRU}: per layer, direction and time step,
 * {@link GRUCell}'s step {@code r, z, n, h_t = (1 - z) * n + z * h_{t-1}} over {@code x_t}, the input (layer 0)
 * or the previous layer's output at {@code t}, with dropout between layers in training. Shapes as in
 * {@link RNN}, with three gates: {@code weight_ih_l0 (3H, F)}, {@code weight_hh_l0 (3H, H)}, {@code bias_ih_l0
 * (3H)}, {@code bias_hh_l0 (3H)}, gate order {@code r, z, n}. The input projection folds in {@code b_ih} only:
 * {@code b_hh}'s {@code n} part is scaled by {@code r}, so it is added in the loop.
 *
 * <p>Gradient: backpropagation through time, by the autodiff ops the steps are built from (see {@link GRUCell}).
 */
public final class GRU extends RecurrentLayer {
  /** The output sequence and the final hidden state {@code h_n (numLayers D, N, H)}. */
  public record Output(Tensor output, Tensor hN) {}

  /** One layer, time-major, with biases. */
  public GRU(int inputSize, int hiddenSize, Rng rng) {
    this(RecurrentOptions.of(inputSize, hiddenSize), rng);
  }

  public GRU(RecurrentOptions options, Rng rng) {
    super("GRU", options, 3, rng);
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
    return true;
  }

  @Override
  List<Tensor> step(Tensor xg, List<Tensor> state, Tensor whh, Tensor bhh) {
    return List.of(Steps.gru(xg, state.get(0), whh, bhh));
  }
}
