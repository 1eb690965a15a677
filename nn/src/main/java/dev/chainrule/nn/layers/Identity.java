package dev.chainrule.nn.layers;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;

/** {@code y = x}, elementwise. */
public final class Identity extends Module {
  @Override
  public Tensor forward(Tensor x) {
    return x;
  }
}
