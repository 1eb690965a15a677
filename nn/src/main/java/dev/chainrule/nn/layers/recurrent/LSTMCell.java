package dev.chainrule.nn.layers.recurrent;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;

/**
 * A long short-term memory cell, PyTorch's {@code nn.LSTMCell}, for an input {@code x (N, input)} and state
 * {@code (h, c)}, both {@code (N, H)}, with the gates in PyTorch's order {@code i, f, g, o}: with
 * {@code a = x W_ih^T + b_ih + h W_hh^T + b_hh} cut into four column blocks of width {@code H},
 *
 * <pre>{@code
 * i = sigmoid(a_i)   f = sigmoid(a_f)   g = tanh(a_g)   o = sigmoid(a_o)
 * c' = f * c + i * g
 * h' = o * tanh(c')
 * }</pre>
 *
 * with {@code weight_ih (4H, input)}, {@code weight_hh (4H, H)}, {@code bias_ih (4H)}, {@code bias_hh (4H)}, all
 * uniform in {@code [-1/sqrt(H), 1/sqrt(H))}.
 *
 * <p>Gradient, by the autodiff ops the step is built from: {@code dc = dL/dc' + dL/dh' o (1 - tanh(c')^2)},
 * {@code dL/dc = dc f}, {@code da_i = dc g i (1 - i)}, {@code da_f = dc c f (1 - f)},
 * {@code da_g = dc i (1 - g^2)}, {@code da_o = dL/dh' tanh(c') o (1 - o)}; then {@code dL/dx = da W_ih},
 * {@code dL/dh = da W_hh}, {@code dL/dW_ih = da^T x}, {@code dL/dW_hh = da^T h}, the biases' the column sums.
 */
public final class LSTMCell extends RecurrentCell {
  /** The state of one cell: the hidden state {@code h} and the cell state {@code c}, each {@code (N, H)}. */
  public record State(Tensor h, Tensor c) {
    public State {
      checkNotNull(h, "LSTMCell.State: h must not be null");
      checkNotNull(c, "LSTMCell.State: c must not be null");
    }
  }

  /** A cell with biases. */
  public LSTMCell(int inputSize, int hiddenSize, Rng rng) {
    this(inputSize, hiddenSize, true, rng);
  }

  public LSTMCell(int inputSize, int hiddenSize, boolean bias, Rng rng) {
    super("LSTMCell", inputSize, hiddenSize, bias, 4, rng);
  }

  /** The next hidden state {@code h' (N, H)} from a zero state; {@link #call(Tensor, State)} also gives {@code c'}. */
  @Override
  public Tensor forward(Tensor x) {
    return step(x, null).h();
  }

  /**
   * The next state {@code (h', c')} for the input {@code x (N, input)} and {@code state}, or a zero state when
   * {@code state} is {@code null} (PyTorch's {@code hx=None}).
   *
   * @throws IllegalArgumentException naming the cell and the shapes when {@code x}, {@code h} or {@code c} is
   *     mis-shaped
   */
  public State call(Tensor x, State state) {
    return invoke(() -> step(x, state));
  }

  private State step(Tensor x, State state) {
    Tensor xg = inputGates(x);
    Tensor h = stateOrZeros("h", state == null ? null : state.h(), x);
    Tensor c = stateOrZeros("c", state == null ? null : state.c(), x);
    Tensor[] next = Steps.lstm(xg, h, c, recurrentWeight(), recurrentBias());
    return new State(next[0], next[1]);
  }
}
