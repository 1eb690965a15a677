package dev.chainrule.nn.layers;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;

/** {@code y_i = x_i - log sum_j e^(x_j)} along one axis (the last by default), computed stably. */
public final class LogSoftmax extends Module {
  private final int axis;

  /** Along the last axis. */
  public LogSoftmax() {
    this(-1);
  }

  public LogSoftmax(int axis) {
    this.axis = axis;
  }

  @Override
  public Tensor forward(Tensor x) {
    return x.logSoftmax(axis);
  }

  @Override
  protected String extraRepr() {
    return "dim=" + axis;
  }
}
