package dev.chainrule.nn.layers.recurrent;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;

/**
 * A gated recurrent unit, PyTorch's {@code nn.GRUCell}, for an input {@code x (N, input)} and hidden state
 * {@code h (N, H)}, with the gates in PyTorch's order {@code r, z, n}:
 *
 * <pre>{@code
 * r  = sigmoid(x W_ir^T + b_ir + h W_hr^T + b_hr)
 * z  = sigmoid(x W_iz^T + b_iz + h W_hz^T + b_hz)
 * n  = tanh(x W_in^T + b_in + r * (h W_hn^T + b_hn))
 * h' = (1 - z) * n + z * h
 * }</pre>
 *
 * where {@code W_ir, W_iz, W_in} are the row blocks of {@code weight_ih (3H, input)}, and likewise for
 * {@code weight_hh (3H, H)}, {@code bias_ih (3H)}, {@code bias_hh (3H)}; all uniform in
 * {@code [-1/sqrt(H), 1/sqrt(H))}.
 *
 * <p>Gradient, by the autodiff ops the step is built from: {@code dL/dh = dL/dh' * z} plus the paths through the
 * gates, with {@code dn = dL/dh' (1 - z)(1 - n^2)}, {@code dz = dL/dh' (h - n) z (1 - z)},
 * {@code dr = dn (h W_hn^T + b_hn) r (1 - r)}, each gate's pre-activation gradient multiplied back through its
 * weight block ({@code dn * r} for the recurrent block of {@code n}).
 */
public final class GRUCell extends RecurrentCell {
  /** A cell with biases. */
  public GRUCell(int inputSize, int hiddenSize, Rng rng) {
    this(inputSize, hiddenSize, true, rng);
  }

  public GRUCell(int inputSize, int hiddenSize, boolean bias, Rng rng) {
    super("GRUCell", inputSize, hiddenSize, bias, 3, rng);
  }

  /** The next hidden state {@code (N, H)} from a zero state. */
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
    return Steps.gru(xg, stateOrZeros("h", h, x), recurrentWeight(), recurrentBias());
  }
}
