package dev.chainrule.nn.layers;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;

/** {@code y = 1 / (1 + e^-x)}, elementwise. */
public final class Sigmoid extends Module {
  @Override
  public Tensor forward(Tensor x) {
    return x.sigmoid();
  }
}
