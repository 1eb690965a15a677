package dev.chainrule.nn.layers.recurrent;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.init.Init;

/**
 * What the cells share: PyTorch's parameters {@code weight_ih (G H, input)}, {@code weight_hh (G H, H)} and,
 * with a bias, {@code bias_ih (G H)} and {@code bias_hh (G H)}, for {@code G} gates and hidden size {@code H},
 * all initialised uniform in {@code [-1/sqrt(H), 1/sqrt(H))} in that order from the caller's {@link Rng}; the
 * input's gate pre-activations {@code x W_ih^T + b_ih}; and the checks of an input {@code (N, input)} and a
 * state {@code (N, H)}.
 */
abstract class RecurrentCell extends Module {
  private final String name;
  private final int inputSize;
  private final int hiddenSize;
  private final boolean hasBias;

  RecurrentCell(String name, int inputSize, int hiddenSize, boolean bias, int gates, Rng rng) {
    checkArgument(inputSize > 0 && hiddenSize > 0, "%s: sizes must be positive, got input_size %s, hidden_size %s",
        name, inputSize, hiddenSize);
    checkNotNull(rng, "%s: rng must not be null", name);
    this.name = name;
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    this.hasBias = bias;
    double bound = 1 / Math.sqrt(hiddenSize);
    registerParameter("weight_ih", Init.uniform(Tensor.zeros(gates * hiddenSize, inputSize), -bound, bound, rng));
    registerParameter("weight_hh", Init.uniform(Tensor.zeros(gates * hiddenSize, hiddenSize), -bound, bound, rng));
    if (bias) {
      registerParameter("bias_ih", Init.uniform(Tensor.zeros(gates * hiddenSize), -bound, bound, rng));
      registerParameter("bias_hh", Init.uniform(Tensor.zeros(gates * hiddenSize), -bound, bound, rng));
    }
  }

  /** {@code x W_ih^T + b_ih}, {@code (N, G H)}, after checking that {@code x} is {@code (N, input)}. */
  final Tensor inputGates(Tensor x) {
    checkArgument(x.rank() == 2 && x.shape().dim(1) == inputSize, "%s: input of shape %s must be (N, %s), a batch"
        + " of rows of input_size %s features", name, x.shape(), inputSize, inputSize);
    Tensor xg = Steps.project(x, parameter("weight_ih"));
    return hasBias ? xg.add(parameter("bias_ih")) : xg;
  }

  /** {@code W_hh}. */
  final Tensor recurrentWeight() {
    return parameter("weight_hh");
  }

  /** {@code b_hh}, or {@code null} without a bias. */
  final Tensor recurrentBias() {
    return hasBias ? parameter("bias_hh") : null;
  }

  /**
   * {@code state} after checking that it is {@code (N, H)} for the input {@code x (N, input)}, or zeros of
   * {@code x}'s type when it is {@code null}.
   */
  final Tensor stateOrZeros(String what, Tensor state, Tensor x) {
    int n = x.shape().dim(0);
    if (state == null) {
      return Tensor.zeros(x.dtype(), n, hiddenSize);
    }
    checkArgument(state.rank() == 2 && state.shape().dim(0) == n && state.shape().dim(1) == hiddenSize,
        "%s: %s of shape %s must be (N, hidden_size) = (%s, %s) for the input of shape %s", name, what,
        state.shape(), n, hiddenSize, x.shape());
    return state;
  }

  public final int inputSize() {
    return inputSize;
  }

  public final int hiddenSize() {
    return hiddenSize;
  }

  /** Whether the cell has the biases {@code bias_ih} and {@code bias_hh}. */
  public final boolean hasBias() {
    return hasBias;
  }

  /** PyTorch's: {@code 4, 8}, then {@code bias=False} without a bias. */
  @Override
  protected String extraRepr() {
    return inputSize + ", " + hiddenSize + (hasBias ? "" : ", bias=False");
  }
}
