package dev.chainrule.examples.lessons;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Tensor;

/**
 * A curved, narrow valley in the plane, Rosenbrock's function with a gentler wall:
 * {@code f(u, v) = (1 - u)^2 + 10 (v - u^2)^2}, smallest ({@code 0}) at {@code (1, 1)} at the end of the parabola
 * {@code v = u^2}. Across the valley the curvature is about 20 to 100, along it about 2, so one learning rate
 * is either too large for the walls or too small for the floor: the situation momentum and adaptive step sizes
 * were invented for. Written with tensor operations, so {@code backward()} gives its gradient and every
 * optimizer of {@code optim} runs on a 2-element parameter unchanged.
 */
final class Valley {
  static final double WALL = 10;

  private Valley() {}

  /**
   * {@code f} for points in the last axis, which has length 2: a parameter of shape {@code (2)} gives a scalar,
   * a batch of shape {@code (n, 2)} gives {@code n} values.
   */
  static Tensor f(Tensor p) {
    checkArgument(p.rank() >= 1 && p.shape().dim(-1) == 2, "Valley.f: points need a last axis of length 2, got %s",
        p.shape());
    int last = p.rank() - 1;
    Tensor u = p.narrow(last, 0, 1);
    Tensor v = p.narrow(last, 1, 1);
    Tensor value = u.rsub(1).square().add(v.sub(u.square()).square().mul(WALL));
    return p.rank() == 1 ? value.sum() : value.reshape(p.shape().dim(0));
  }
}
