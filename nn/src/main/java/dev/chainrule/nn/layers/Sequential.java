package dev.chainrule.nn.layers;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;

/** Modules applied one after another, {@code y = m_n(...m_1(m_0(x)))}, named {@code "0", "1", ...}. */
public final class Sequential extends Module {
  private final Module[] layers;

  public Sequential(Module... layers) {
    checkArgument(layers.length > 0, "Sequential: needs at least one module");
    this.layers = layers.clone();
    for (int i = 0; i < layers.length; i++) {
      registerModule(Integer.toString(i), layers[i]);
    }
  }

  @Override
  public Tensor forward(Tensor x) {
    for (Module layer : layers) {
      x = layer.call(x);
    }
    return x;
  }

  /** Layer {@code i}. */
  public Module get(int i) {
    checkArgument(i >= 0 && i < layers.length, "Sequential: index %s out of range for %s layers", i,
        layers.length);
    return layers[i];
  }

  /** The number of layers. */
  public int size() {
    return layers.length;
  }
}
