package dev.chainrule.nn.layers.recurrent;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;

/**
 * An Elman cell, PyTorch's {@code nn.RNNCell}: {@code h' = act(x W_ih^T + b_ih + h W_hh^T + b_hh)} for an input
 * {@code x (N, input)} and hidden state {@code h (N, H)}, with {@code act} tanh or relu ({@link Nonlinearity}).
 * Parameters {@code weight_ih (H, input)}, {@code weight_hh (H, H)}, {@code bias_ih (H)}, {@code bias_hh (H)},
 * uniform in {@code [-1/sqrt(H), 1/sqrt(H))}.
 *
 * <p>Gradient, with {@code da = dL/dh' * act'(a)} for the pre-activation {@code a}: {@code dL/dx = da W_ih},
 * {@code dL/dh = da W_hh}, {@code dL/dW_ih = da^T x}, {@code dL/dW_hh = da^T h}, {@code dL/db_ih = dL/db_hh =}
 * the column sums of {@code da}; all by the autodiff ops the step is built from.
 */
public final class RNNCell extends RecurrentCell {
  private final Nonlinearity nonlinearity;

  /** A tanh cell with biases. */
  public RNNCell(int inputSize, int hiddenSize, Rng rng) {
    this(inputSize, hiddenSize, true, Nonlinearity.TANH, rng);
  }

  public RNNCell(int inputSize, int hiddenSize, boolean bias, Nonlinearity nonlinearity, Rng rng) {
    super("RNNCell", inputSize, hiddenSize, bias, 1, rng);
    this.nonlinearity = checkNotNull(nonlinearity, "RNNCell: nonlinearity must not be null");
  }

  /** The next hidden state {@code (N, H)} from a zero state, {@code act(x W_ih^T + b_ih + b_hh)}. */
  @Override
  public Tensor forward(Tensor x) {
    return step(x, null);
  }

  /**
   * The next hidden state {@code h' (N, H)} for the input {@code x (N, input)} and the state {@code h (N, H)},
   * or a zero state when {@code h} is {@code null} (PyTorch's {@code hx=None}).
   *
   * @throws IllegalArgumentException naming the cell and the shapes when {@code x} or {@code h} is mis-shaped
   */
  public Tensor call(Tensor x, Tensor h) {
    return invoke(() -> step(x, h));
  }

  private Tensor step(Tensor x, Tensor h) {
    Tensor xg = inputGates(x);
    return Steps.rnn(xg, stateOrZeros("h", h, x), recurrentWeight(), recurrentBias(), nonlinearity);
  }

  public Nonlinearity nonlinearity() {
    return nonlinearity;
  }

  @Override
  protected String extraRepr() {
    return super.extraRepr() + (nonlinearity == Nonlinearity.TANH ? "" : ", nonlinearity=" + nonlinearity);
  }
}
