package dev.chainrule.nn.layers;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;

/** {@code y = tanh x}, elementwise. */
public final class Tanh extends Module {
  @Override
  public Tensor forward(Tensor x) {
    return x.tanh();
  }
}
