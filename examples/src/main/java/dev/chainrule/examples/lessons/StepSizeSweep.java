package dev.chainrule.examples.lessons;

import dev.chainrule.autodiff.Tensor;
import java.util.function.UnaryOperator;

/**
 * The relative error of finite differences against the analytic gradient of {@code sum(swish(x))} as the step
 * {@code eps} shrinks. Two errors compete: truncation, from the Taylor terms the difference leaves out
 * ({@code eps^2 |f'''| / 6} for central, {@code eps |f''| / 2} for forward differences), which falls with eps;
 * and round-off, about {@code u |f| / eps} where {@code u} is the unit roundoff (1.1e-16 in float64, 6e-8 in
 * float32), which rises as eps shrinks. Their sum is smallest near {@code eps ~ u^(1/3)} for central and
 * {@code u^(1/2)} for forward differences.
 *
 * @param eps the steps, from large to small
 * @param central64 the relative error of central differences in FLOAT64 at each step
 * @param forward64 the relative error of forward differences in FLOAT64
 * @param central32 the relative error of central differences evaluated in FLOAT32
 */
record StepSizeSweep(double[] eps, double[] central64, double[] forward64, double[] central32) {

  /** Steps {@code 10^(-k/2)} for {@code k = 2 .. 24}: from 1e-1 to 1e-12, two per decade. */
  static StepSizeSweep run(double[] inputs) {
    UnaryOperator<Tensor> swish = SwishCheck.FIXED;
    double[] analytic = SumGradients.analytic(swish, inputs);
    int n = 23;
    double[] eps = new double[n];
    double[] central64 = new double[n];
    double[] forward64 = new double[n];
    double[] central32 = new double[n];
    for (int i = 0; i < n; i++) {
      eps[i] = Math.pow(10, -(i + 2) / 2.0);
      central64[i] = FiniteDifferences.relativeError(analytic, SumGradients.central64(swish, inputs, eps[i]));
      forward64[i] = FiniteDifferences.relativeError(analytic, SumGradients.forward64(swish, inputs, eps[i]));
      central32[i] = FiniteDifferences.relativeError(analytic, SumGradients.central32(swish, inputs, eps[i]));
    }
    return new StepSizeSweep(eps, central64, forward64, central32);
  }

  /** The step with the smallest error in {@code errors} (one of this sweep's series). */
  double bestStep(double[] errors) {
    return eps[argMin(errors)];
  }

  /** The smallest error in {@code errors}. */
  static double smallest(double[] errors) {
    return errors[argMin(errors)];
  }

  /**
   * The slope of {@code log10(error)} against {@code log10(eps)} between the steps at indices {@code from} and
   * {@code to}: 2 where central differences' truncation error dominates, 1 for forward differences.
   */
  double slope(double[] errors, int from, int to) {
    return (Math.log10(errors[from]) - Math.log10(errors[to])) / (Math.log10(eps[from]) - Math.log10(eps[to]));
  }

  private static int argMin(double[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] < values[best]) {
        best = i;
      }
    }
    return best;
  }
}
