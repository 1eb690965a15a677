package dev.chainrule.nn.layers;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;

/** {@code y_i = e^(x_i) / sum_j e^(x_j)} along one axis (the last by default), computed stably. */
public final class Softmax extends Module {
  private final int axis;

  /** Along the last axis. */
  public Softmax() {
    this(-1);
  }

  public Softmax(int axis) {
    this.axis = axis;
  }

  @Override
  public Tensor forward(Tensor x) {
    return x.softmax(axis);
  }

  @Override
  protected String extraRepr() {
    return "dim=" + axis;
  }
}
