package dev.chainrule.nn.layers;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;

/** {@code y = x > 0 ? x : slope * x}, elementwise; PyTorch's default slope is 0.01. */
public final class LeakyReLU extends Module {
  private final double slope;

  public LeakyReLU() {
    this(0.01);
  }

  public LeakyReLU(double slope) {
    this.slope = slope;
  }

  @Override
  public Tensor forward(Tensor x) {
    return x.leakyRelu(slope);
  }

  @Override
  protected String extraRepr() {
    return "negative_slope=" + slope;
  }
}
