package dev.chainrule.examples.lessons;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Tensor;

/**
 * An activation and its derivative over a grid of inputs, the derivative found twice: by autodiff, as the
 * gradient of {@code f(x)} with an upstream gradient of 1 at every grid point (the op is elementwise, so that
 * gradient is {@code f'(x_i)} at each point), and by the closed-form formula. Everything is in float64.
 */
record DerivativeCurve(Activation activation, double[] xs, double[] values, double[] autodiff, double[] formula) {

  /** Differentiates {@code activation} at every point of {@code xs}. */
  static DerivativeCurve of(Activation activation, double[] xs) {
    checkArgument(xs.length > 0, "DerivativeCurve: needs at least one input");
    Tensor x = Tensor.of(xs).requiresGrad();
    Tensor y = activation.apply(x);
    y.backward(Tensor.ones(DType.FLOAT64, xs.length));
    double[] formula = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      formula[i] = activation.derivative(xs[i]);
    }
    return new DerivativeCurve(activation, xs.clone(), y.toDoubleArray(), x.grad().toDoubleArray(), formula);
  }

  /** The evenly spaced grid {@code from, from + step, ..., to}, each point computed as {@code from + i step}. */
  static double[] grid(double from, double to, int steps) {
    checkArgument(steps >= 1 && to > from, "DerivativeCurve.grid: needs from < to and steps >= 1, got %s, %s, %s",
        from, to, steps);
    double[] xs = new double[steps + 1];
    for (int i = 0; i <= steps; i++) {
      xs[i] = (from * (steps - i) + to * i) / steps;
    }
    return xs;
  }

  /** The largest {@code |autodiff - formula|} over the grid. */
  double maxDifference() {
    double max = 0;
    for (int i = 0; i < xs.length; i++) {
      max = Math.max(max, Math.abs(autodiff[i] - formula[i]));
    }
    return max;
  }

  /** Autodiff's derivative at the grid point {@code x}. */
  double autodiffAt(double x) {
    for (int i = 0; i < xs.length; i++) {
      if (xs[i] == x) {
        return autodiff[i];
      }
    }
    throw new IllegalArgumentException("DerivativeCurve: " + x + " is not a point of the grid");
  }

  /** The largest derivative autodiff found on the grid. */
  double maxAutodiff() {
    double max = Double.NEGATIVE_INFINITY;
    for (double d : autodiff) {
      max = Math.max(max, d);
    }
    return max;
  }
}
