package dev.chainrule.examples.lessons;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.nn.train.LineChart;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * Newton's method with Hessian-vector products from double backward, on L2-regularised logistic regression:
 * each step solves {@code H d = -g} by conjugate gradients without ever forming H. Its gradient norm squares
 * every step near the minimum, where gradient descent's shrinks by a constant factor set by the condition
 * number.
 */
final class NewtonLesson implements Lesson {
  static final double LAMBDA = 1e-2;
  static final int DESCENT_STEPS = 200;
  static final double NEWTON_TOLERANCE = 1e-13;
  static final int NEWTON_MAX_STEPS = 20;
  static final long SEED = 11;
  private static final int FIRST_STEPS = 10;

  /**
   * What the lesson measures.
   *
   * @param problem the logistic regression
   * @param hessian the checks of the Hessian-vector products
   * @param largestCurvature {@code lambda_max(H(0))}, an upper bound of the curvature anywhere, since
   *     {@code p (1 - p) <= 1/4} with equality at {@code t = 0}; gradient descent's rate is its inverse
   * @param smallestCurvature {@code lambda_min(H(t*))} at Newton's minimum
   * @param newton Newton's path from 0
   * @param descent gradient descent's path from 0
   */
  record Findings(LogisticProblem problem, HessianCheck hessian, double largestCurvature, double smallestCurvature,
      Trajectory newton, Trajectory descent) {

    /** The factor by which gradient descent's gradient norm shrinks per step near the minimum. */
    double predictedDescentFactor() {
      return 1 - smallestCurvature / largestCurvature;
    }
  }

  @Override
  public String name() {
    return "newton";
  }

  @Override
  public String title() {
    return "Second order: Newton's method";
  }

  @Override
  public String summary() {
    return "Newton steps from Hessian-vector products (double backward) converge quadratically.";
  }

  static Findings compute() {
    LogisticProblem problem = LogisticProblem.irisVersicolorVirginica(LAMBDA);
    HessianCheck hessian = HessianCheck.run(problem, new Rng(SEED), 1e-5);
    double[] origin = new double[problem.dimension()];
    double[] atOrigin = SymmetricEigenvalues.of(problem.hessianFromProducts(origin));
    double largest = atOrigin[atOrigin.length - 1];
    Trajectory newton = Trajectory.newton(problem, origin, NEWTON_TOLERANCE, NEWTON_MAX_STEPS);
    double smallest = SymmetricEigenvalues.of(problem.hessianFromProducts(newton.last()))[0];
    Trajectory descent = Trajectory.gradientDescent(problem, origin, 1 / largest, DESCENT_STEPS);
    return new Findings(problem, hessian, largest, smallest, newton, descent);
  }

  @Override
  public void run(LessonContext context) throws IOException {
    Findings f = compute();
    PrintStream out = context.out();
    LogisticProblem problem = f.problem();
    out.println("Newton's method minimises the quadratic model L(t + d) ~ L + g.d + d.H d / 2: its step solves");
    out.println("H d = -g. Here L is logistic regression on iris versicolor vs virginica:");
    printf(out, "  %d flowers, %d parameters (4 weights and a bias), L2 lambda = %.0e.%n", problem.samples(),
        problem.dimension(), problem.lambda());
    out.println();
    printHessianCheck(out, f.hessian());
    printNewton(out, f.newton());
    printDescent(out, f);
    chart(f, DESCENT_STEPS, "Gradient norm per iteration").writeSvg(context.file("gradient-norm.svg"));
    chart(f, FIRST_STEPS, "The first iterations").writeSvg(context.file("first-iterations.svg"));
  }

  private static void printHessianCheck(PrintStream out, HessianCheck h) {
    out.println("1. Hessian-vector products without the Hessian");
    out.println("g = dL/dt is computed with its graph recorded (createGraph), then differentiated again:");
    out.println("H v = d/dt (g . v). Checked at a random t and unit v against central differences of g:");
    printf(out, "  %14s   %s%n", "H v", "(g(t + e v) - g(t - e v)) / 2e");
    for (int i = 0; i < h.product().length; i++) {
      printf(out, "  %14.10f   %14.10f%n", h.product()[i], h.differences()[i]);
    }
    printf(out, "  relative error %.1e (e = 1e-5)%n", h.relativeError());
    printf(out, "H from %d products H e_i matches X^T diag(p(1-p)) X / n + lambda I to %.1e;"
        + " asymmetry %.1e.%n", h.fromProducts().length, h.largestDifference(), h.asymmetry());
    out.println("A product costs about two backward passes, whatever the size of H, which is never formed.");
    out.println();
  }

  private static void printNewton(PrintStream out, Trajectory newton) {
    out.println("2. Newton-CG from t = 0: H d = -g solved by conjugate gradients, full steps");
    printf(out, "  %4s %20s %12s %16s %8s%n", "k", "loss", "||g||", "||g||/||g'||^2", "H v's");
    for (int k = 0; k <= newton.steps(); k++) {
      printf(out, "  %4d %20.16f %12.3e %16s %8s%n", k, newton.losses()[k], newton.gradientNorms()[k],
          k == 0 ? "" : String.format(Locale.ROOT, "%.3f", newton.ratio(k, 2)),
          k < newton.steps() ? Integer.toString(newton.innerIterations()[k]) : "");
    }
    out.println("(g' is the previous step's gradient.) Once close, the exponent of ||g|| doubles each step:");
    out.println("the ratio to the previous norm squared stays bounded: quadratic convergence.");
    out.println();
  }

  private static void printDescent(PrintStream out, Findings f) {
    Trajectory descent = f.descent();
    int steps = descent.steps();
    printf(out, "3. Gradient descent from t = 0 with rate 1/L, L = lambda_max(H(0)) = %.4f%n", f.largestCurvature());
    out.println("(p(1-p) <= 1/4 peaks at t = 0, so no H curves more; eigenvalues of H from its 5 products H e_i.)");
    printf(out, "  %5s %12s %14s%n", "k", "||g||", "||g||/||g'||");
    for (int k = 0; k <= steps; k += steps / 10) {
      printf(out, "  %5d %12.3e %14s%n", k, descent.gradientNorms()[k],
          k == 0 ? "" : String.format(Locale.ROOT, "%.5f", descent.ratio(k, 1)));
    }
    double kappa = f.largestCurvature() / f.smallestCurvature();
    printf(out, "lambda_min(H) at the minimum is %.5f, so kappa = L / lambda_min = %.1f and the norm should%n",
        f.smallestCurvature(), kappa);
    printf(out, "shrink by 1 - 1/kappa = %.5f a step: measured %.5f over the last step. Linear convergence:%n",
        f.predictedDescentFactor(), descent.ratio(steps, 1));
    printf(out, "after %d steps ||g|| = %.1e, where Newton reached %.1e in %d steps (%d H v products).%n", steps,
        descent.gradientNorms()[steps], f.newton().gradientNorms()[f.newton().steps()], f.newton().steps(),
        Arrays.stream(f.newton().innerIterations()).sum());
  }

  /** Both methods' gradient norms for their first {@code steps} iterations (at most). */
  private static LineChart chart(Findings f, int steps, String title) {
    Trajectory newton = f.newton();
    Trajectory descent = f.descent();
    int n = Math.min(steps, newton.steps());
    int m = Math.min(steps, descent.steps());
    return new LineChart(title, "iteration", "||grad L||")
        .series("Newton-CG", iterations(n), Arrays.copyOf(newton.gradientNorms(), n + 1), LineChart.Style.LINE)
        .series("gradient descent", iterations(m), Arrays.copyOf(descent.gradientNorms(), m + 1),
            LineChart.Style.DASHED)
        .logY();
  }

  private static double[] iterations(int steps) {
    double[] k = new double[steps + 1];
    for (int i = 0; i <= steps; i++) {
      k[i] = i;
    }
    return k;
  }

  /** Formats with {@link Locale#ROOT}, so numbers print alike in every locale. */
  private static void printf(PrintStream out, String format, Object... args) {
    out.print(String.format(Locale.ROOT, format, args));
  }
}
