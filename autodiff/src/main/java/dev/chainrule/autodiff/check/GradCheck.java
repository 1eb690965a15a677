package dev.chainrule.autodiff.check;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Autograd;
import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a differentiable function of tensors against central finite differences, like PyTorch's
 * {@code gradcheck}. The function is evaluated on FLOAT64 shadow copies of the inputs (exact enough for
 * differences), reduced to a scalar with a fixed random upstream gradient {@code v}, {@code L = sum(f(x) * v)},
 * and for every element {@code x_j} of every input that needs a gradient the analytic {@code dL/dx_j} is
 * compared with {@code (L(x_j + eps) - L(x_j - eps)) / (2 eps)}: it passes when
 * {@code |analytic - numeric| <= atol + rtol * |numeric|}.
 *
 * <pre>{@code
 * GradCheck.check(in -> in[0].mul(in[1]).sum(), a, b);            // defaults
 * GradCheck.withTolerance(1e-6, 1e-4).check(f, a, b);            // custom atol, rtol
 * }</pre>
 *
 * <p>Inputs that do not need a gradient (masks, indices) are passed through unchanged and not perturbed.
 *
 * @see GradCheckException for what a failure reports
 */
public final class GradCheck {
  /** A function of tensors to check. */
  @FunctionalInterface
  public interface TensorFunction {
    Tensor apply(Tensor... inputs);
  }

  private static final GradCheck DEFAULT = new GradCheck(1e-6, 1e-5, 1e-3, 20);

  private final double eps;
  private final double atol;
  private final double rtol;
  private final int reportedElements;

  private GradCheck(double eps, double atol, double rtol, int reportedElements) {
    checkArgument(eps > 0 && atol >= 0 && rtol >= 0, "GradCheck: eps %s must be > 0 and tolerances %s, %s >= 0",
        eps, atol, rtol);
    this.eps = eps;
    this.atol = atol;
    this.rtol = rtol;
    this.reportedElements = reportedElements;
  }

  /** Checks {@code f} at {@code inputs} with eps 1e-6, atol 1e-5 and rtol 1e-3. */
  public static void check(TensorFunction f, Tensor... inputs) {
    DEFAULT.verify(f, inputs);
  }

  /** A checker with these absolute and relative tolerances. */
  public static GradCheck withTolerance(double atol, double rtol) {
    return new GradCheck(DEFAULT.eps, atol, rtol, DEFAULT.reportedElements);
  }

  /** A copy of this checker with another finite-difference step. */
  public GradCheck withEps(double newEps) {
    return new GradCheck(newEps, atol, rtol, reportedElements);
  }

  /**
   * Runs the check.
   *
   * @throws GradCheckException listing the worst elements when a gradient disagrees
   */
  public void verify(TensorFunction f, Tensor... inputs) {
    checkNotNull(f, "GradCheck: function must not be null");
    Tensor[] shadow = shadows(inputs);
    Tensor out = f.apply(shadow);
    checkArgument(out.needsGrad(), "GradCheck: the function's output of shape %s does not depend on any input"
        + " that requires grad", out.shape());
    Tensor upstream = Tensor.uniform(new Rng(0x5eed), 0.5, 1.5, out.shape().dims()).to(DType.FLOAT64);
    List<Tensor> wrt = new ArrayList<>();
    for (Tensor t : shadow) {
      if (t.needsGrad()) {
        wrt.add(t);
      }
    }
    List<Tensor> analytic = Autograd.grad(List.of(out), List.of(upstream), wrt, false);
    List<Mismatch> mismatches = new ArrayList<>();
    int k = 0;
    for (int i = 0; i < shadow.length; i++) {
      if (shadow[i].needsGrad()) {
        compare(f, shadow, i, upstream, analytic.get(k++), inputs[i].label(), mismatches);
      }
    }
    if (!mismatches.isEmpty()) {
      throw new GradCheckException(Mismatch.report(mismatches, reportedElements, eps, atol, rtol));
    }
  }

  private void compare(TensorFunction f, Tensor[] shadow, int input, Tensor upstream, Tensor analytic,
      String label, List<Mismatch> mismatches) {
    checkArgument(analytic.shape().equals(shadow[input].shape()), "GradCheck: gradient of input %s has shape %s,"
        + " expected %s", input, analytic.shape(), shadow[input].shape());
    double[] x = shadow[input].toDoubleArray();
    for (int j = 0; j < x.length; j++) {
      double plus = loss(f, shadow, input, x, j, x[j] + eps, upstream);
      double minus = loss(f, shadow, input, x, j, x[j] - eps, upstream);
      double numeric = (plus - minus) / (2 * eps);
      double a = analytic.get(j);
      double error = Math.abs(a - numeric);
      if (!(error <= atol + rtol * Math.abs(numeric))) {
        double center = loss(f, shadow, input, x, j, x[j], upstream);
        boolean kink = Math.abs((plus - center) - (center - minus)) > 1e-3 * eps * (1 + Math.abs(numeric));
        mismatches.add(new Mismatch(input, label, j, a, numeric, kink));
      }
    }
  }

  /** {@code sum(f(x) * v)} with element {@code j} of input {@code input} set to {@code value}, not recorded. */
  private static double loss(TensorFunction f, Tensor[] shadow, int input, double[] x, int j, double value,
      Tensor upstream) {
    double[] moved = x.clone();
    moved[j] = value;
    Tensor[] args = shadow.clone();
    args[input] = Tensor.wrap(shadow[input].shape(), moved);
    try (var off = GradMode.off()) {
      return f.apply(args).mul(upstream).sum().item();
    }
  }

  /** FLOAT64 leaves holding the inputs' values, needing a gradient where the input does. */
  private static Tensor[] shadows(Tensor[] inputs) {
    Tensor[] shadow = new Tensor[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      Tensor in = checkNotNull(inputs[i], "GradCheck: input %s is null", i);
      shadow[i] = in.needsGrad()
          ? Tensor.wrap(in.shape(), in.toDoubleArray()).requiresGrad()
          : in;
    }
    return shadow;
  }
}
