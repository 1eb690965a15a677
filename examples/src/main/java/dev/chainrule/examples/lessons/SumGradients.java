package dev.chainrule.examples.lessons;

import com.google.common.base.VerifyException;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.check.GradCheckException;
import java.util.function.UnaryOperator;

/**
 * The gradient of {@code L(x) = sum_j f(x)_j} for an elementwise tensor function {@code f}, two ways: analytic,
 * by {@code backward}, and numeric, by {@link FiniteDifferences} on {@code L} evaluated in FLOAT64 or FLOAT32.
 * For an elementwise {@code f}, {@code dL/dx_j = f'(x_j)}, so both are the derivative at each input.
 */
final class SumGradients {
  private SumGradients() {}

  /** {@code dL/dx} by backward, in FLOAT64. */
  static double[] analytic(UnaryOperator<Tensor> f, double[] x) {
    Tensor leaf = Tensor.of(x).requiresGrad();
    f.apply(leaf).sum().backward();
    return leaf.grad().toDoubleArray();
  }

  /** {@code dL/dx} by central differences with step {@code eps}, every evaluation in FLOAT64. */
  static double[] central64(UnaryOperator<Tensor> f, double[] x, double eps) {
    return FiniteDifferences.central(point -> f.apply(Tensor.of(point)).sum().item(), x, eps);
  }

  /** {@code dL/dx} by forward differences with step {@code eps}, every evaluation in FLOAT64. */
  static double[] forward64(UnaryOperator<Tensor> f, double[] x, double eps) {
    return FiniteDifferences.forward(point -> f.apply(Tensor.of(point)).sum().item(), x, eps);
  }

  /**
   * {@code dL/dx} by central differences with step {@code eps}, the point and every evaluation in FLOAT32, as
   * a check written with float32 tensors would do it.
   */
  static double[] central32(UnaryOperator<Tensor> f, double[] x, double eps) {
    return FiniteDifferences.central(point -> f.apply(Tensor.of(toFloats(point))).sum().item(), x, eps);
  }

  /** The report of {@link GradCheck#check} on {@code f} at {@code inputs}, which is expected to fail. */
  static GradCheckException failureOf(GradCheck.TensorFunction f, Tensor... inputs) {
    try {
      GradCheck.check(f, inputs);
    } catch (GradCheckException e) {
      return e;
    }
    throw new VerifyException("GradCheck passed a gradient this lesson expects it to reject");
  }

  private static float[] toFloats(double[] values) {
    float[] floats = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      floats[i] = (float) values[i];
    }
    return floats;
  }
}
