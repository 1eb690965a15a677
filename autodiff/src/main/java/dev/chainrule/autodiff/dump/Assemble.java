package dev.chainrule.autodiff.dump;

import dev.chainrule.autodiff.Function;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;

/**
 * Scalars gathered into one tensor of a given shape, in row-major order: {@code y[i] = x_i}, so
 * {@code dL/dx_i = g[i]}. The last node of a {@link ScalarGraph}: it turns the scalar outputs back into the
 * tensor the original op made, so backward can start from the original upstream gradient.
 */
final class Assemble extends Function {
  private final Shape shape;

  Assemble(Shape shape) {
    this.shape = shape;
  }

  @Override
  public String derivativeRule() {
    return "dy[i]/dx_i = 1";
  }

  @Override
  protected Tensor forward(Tensor... scalars) {
    double[] values = new double[scalars.length];
    for (int i = 0; i < scalars.length; i++) {
      values[i] = scalars[i].item();
    }
    return Tensor.of(scalars[0].dtype(), values, shape.dims());
  }

  @Override
  protected Tensor[] backward(Tensor g) {
    Tensor flat = g.reshape(shape.size());
    Tensor[] grads = new Tensor[shape.size()];
    for (int i = 0; i < grads.length; i++) {
      grads[i] = flat.narrow(0, i, 1).reshape();
    }
    return grads;
  }
}
