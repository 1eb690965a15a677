package dev.chainrule.autodiff.check;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Tensor;

/**
 * Checks the gradient rules of a differentiable function of tensors, like PyTorch's {@code gradcheck} and
 * {@code gradgradcheck}. An immutable set of options; {@link #verify} runs the checks.
 *
 * <p>The function is reduced to a scalar with a fixed random upstream gradient {@code v} (uniform in
 * {@code [0.5, 1.5)}, the same every run), {@code L(x) = sum(f(x) * v)}, and then, in this order, stopping at
 * the first failure:
 *
 * <ol>
 *   <li><b>shape</b>: every gradient {@code dL/dx_i} has the shape of {@code x_i};
 *   <li><b>determinism</b>: a second backward pass over the same graph with the same {@code v} gives
 *       bit-identical gradients;
 *   <li><b>zero upstream</b>: {@code v = 0} gives all-zero gradients ({@code dL/dx = J^T v} is linear in v);
 *   <li><b>values</b>: for every element {@code x_j} of every input that needs a gradient, the analytic
 *       {@code dL/dx_j} is compared with the central difference
 *       {@code numeric = (L(x + eps e_j) - L(x - eps e_j)) / (2 eps)}, whose error is {@code O(eps^2)} where L is
 *       smooth; it passes when {@code |analytic - numeric| <= atol + rtol * |numeric|}. A failing element that
 *       lies within eps of a kink (relu, abs at 0) is marked as such;
 *   <li><b>second order</b>, only with {@link #secondOrder()}: with a fixed random weighting {@code w},
 *       {@code S(x) = sum_i <w_i, dL/dx_i>}; its gradient {@code H w} by backward through the recorded backward
 *       ({@code CREATE_GRAPH}) is compared in the same way with central differences of S.
 * </ol>
 *
 * <pre>{@code
 * GradCheck.check(in -> in[0].mul(in[1]).sum(), a, b);             // defaults
 * GradCheck.withTolerance(1e-6, 1e-4).withEps(1e-5).verify(f, a, b);
 * GradCheck.gradGrad(in -> in[0].mul(in[0]).mul(in[0]), x);        // also second order
 * }</pre>
 *
 * <p><b>Precision.</b> Everything runs in FLOAT64: an input that needs a gradient is copied into a FLOAT64
 * leaf (a shadow; a FLOAT32 input is widened exactly), so the differences are not swamped by float32 rounding
 * ({@code eps = 1e-6} would be below float32 resolution near 1). The caller's tensors are never modified and
 * get no {@code grad()}. A function that itself casts to FLOAT32 inside needs a wider eps and looser
 * tolerances. Inputs that do not need a gradient (masks, indices) are passed through unchanged and not
 * perturbed. The forward passes run with grad mode on even when the caller has it off.
 *
 * <p><b>Cost.</b> Two evaluations of f per input element, plus three backward passes; second order adds a
 * forward and a backward per evaluation. Keep checked tensors small.
 *
 * @see GradCheckException for what a failure reports
 */
public final class GradCheck {
  /** A function of tensors to check; it must build a new graph on every call. */
  @FunctionalInterface
  public interface TensorFunction {
    Tensor apply(Tensor... inputs);
  }

  private static final GradCheck DEFAULT = new GradCheck(1e-6, 1e-5, 1e-3, 20, false);

  private final double eps;
  private final double atol;
  private final double rtol;
  private final int reportedElements;
  private final boolean secondOrder;

  private GradCheck(double eps, double atol, double rtol, int reportedElements, boolean secondOrder) {
    checkArgument(eps > 0 && Double.isFinite(eps), "GradCheck: eps must be positive and finite, was %s", eps);
    checkArgument(atol >= 0 && rtol >= 0, "GradCheck: tolerances must be >= 0, were atol %s and rtol %s", atol,
        rtol);
    checkArgument(reportedElements > 0, "GradCheck: must report at least one element, asked for %s",
        reportedElements);
    this.eps = eps;
    this.atol = atol;
    this.rtol = rtol;
    this.reportedElements = reportedElements;
    this.secondOrder = secondOrder;
  }

  /** Checks {@code f} at {@code inputs} with the {@link #defaults()}: first order only. */
  public static void check(TensorFunction f, Tensor... inputs) {
    DEFAULT.verify(f, inputs);
  }

  /** Checks {@code f} at {@code inputs} with the defaults and also its second derivatives. */
  public static void gradGrad(TensorFunction f, Tensor... inputs) {
    DEFAULT.secondOrder().verify(f, inputs);
  }

  /** eps 1e-6, atol 1e-5, rtol 1e-3, 20 reported elements, no second order. */
  public static GradCheck defaults() {
    return DEFAULT;
  }

  /** The defaults with these absolute and relative tolerances. */
  public static GradCheck withTolerance(double atol, double rtol) {
    return new GradCheck(DEFAULT.eps, atol, rtol, DEFAULT.reportedElements, DEFAULT.secondOrder);
  }

  /** A copy of this checker with another finite-difference step. */
  public GradCheck withEps(double newEps) {
    return new GradCheck(newEps, atol, rtol, reportedElements, secondOrder);
  }

  /** A copy of this checker that also checks second derivatives (backward through backward). */
  public GradCheck secondOrder() {
    return new GradCheck(eps, atol, rtol, reportedElements, true);
  }

  /** A copy of this checker whose failure messages list at most {@code n} elements. */
  public GradCheck reporting(int n) {
    return new GradCheck(eps, atol, rtol, n, secondOrder);
  }

  public double eps() {
    return eps;
  }

  public double atol() {
    return atol;
  }

  public double rtol() {
    return rtol;
  }

  /** The most elements a failure message lists; {@link GradCheckException#mismatches()} has them all. */
  public int reportedElements() {
    return reportedElements;
  }

  /** Whether {@link #verify} also checks second derivatives. */
  public boolean checksSecondOrder() {
    return secondOrder;
  }

  /**
   * Runs the checks on {@code f} at {@code inputs}; at least one input must require grad.
   *
   * @throws GradCheckException at the first check that fails, listing the worst elements
   * @throws IllegalArgumentException if {@code f} or an input is null, no input requires grad, or the output
   *     does not depend on one that does
   */
  public void verify(TensorFunction f, Tensor... inputs) {
    new Checker(this, f, inputs).run();
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "GradCheck(eps=%s, atol=%s, rtol=%s%s)", eps, atol, rtol,
        secondOrder ? ", secondOrder" : "");
  }
}
