package dev.chainrule.examples.lessons;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.check.GradCheckException;
import java.util.function.UnaryOperator;

/**
 * The gradient-checking lesson's first experiment: the buggy and the fixed Swish op checked at the same inputs,
 * by {@link GradCheck} and by the relative error {@code ||a - n|| / (||a|| + ||n||)} of the analytic gradient
 * {@code a} against central differences {@code n}.
 *
 * @param inputs where both ops are checked
 * @param eps the finite-difference step
 * @param numeric the central differences of {@code sum(swish(x))}, the same for both ops (same forward)
 * @param buggyAnalytic what {@link BuggySwish}'s backward gives
 * @param fixedAnalytic what {@link Swish}'s backward gives
 * @param buggyRelativeError the relative error of the buggy gradient
 * @param fixedRelativeError the relative error of the fixed gradient
 * @param buggyFailure GradCheck's report on the buggy op
 */
record SwishCheck(double[] inputs, double eps, double[] numeric, double[] buggyAnalytic, double[] fixedAnalytic,
    double buggyRelativeError, double fixedRelativeError, GradCheckException buggyFailure) {

  /** Points on both sides of 0, with {@code x = 1}, where the bug happens to give the right value. */
  static final double[] INPUTS = {-3, -1, 0, 0.5, 1, 2, 4};

  static final UnaryOperator<Tensor> BUGGY = x -> new BuggySwish().apply(x);
  static final UnaryOperator<Tensor> FIXED = x -> new Swish().apply(x);

  /**
   * Checks both ops at {@link #INPUTS}: GradCheck must reject the buggy one and accept the fixed one (it
   * throws if it does not).
   */
  static SwishCheck run(double eps) {
    double[] numeric = SumGradients.central64(FIXED, INPUTS, eps);
    double[] buggy = SumGradients.analytic(BUGGY, INPUTS);
    double[] fixed = SumGradients.analytic(FIXED, INPUTS);
    GradCheckException failure = SumGradients.failureOf(in -> BUGGY.apply(in[0]), input());
    GradCheck.check(in -> FIXED.apply(in[0]), input());
    return new SwishCheck(INPUTS.clone(), eps, numeric, buggy, fixed,
        FiniteDifferences.relativeError(buggy, numeric), FiniteDifferences.relativeError(fixed, numeric), failure);
  }

  private static Tensor input() {
    return Tensor.of(INPUTS).named("x").requiresGrad();
  }
}
