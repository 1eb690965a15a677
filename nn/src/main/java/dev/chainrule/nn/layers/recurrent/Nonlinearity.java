package dev.chainrule.nn.layers.recurrent;

import dev.chainrule.autodiff.Tensor;

/** The nonlinearity of an Elman cell, {@link RNNCell} and {@link RNN}: PyTorch's {@code nonlinearity}. */
public enum Nonlinearity {
  /** {@code tanh(a)}, derivative {@code 1 - tanh(a)^2}; the default. */
  TANH,
  /** {@code max(a, 0)}, derivative {@code 1} where {@code a > 0}, else {@code 0}. */
  RELU;

  Tensor apply(Tensor a) {
    return this == TANH ? a.tanh() : a.relu();
  }

  /** PyTorch's name, {@code tanh} or {@code relu}. */
  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
