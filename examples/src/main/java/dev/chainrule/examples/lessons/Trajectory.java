package dev.chainrule.examples.lessons;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;

/**
 * The path of a minimiser of a {@link LogisticProblem}, from its start: the gradient norm and loss at every
 * point, the last point, and for Newton the conjugate-gradient steps (Hessian-vector products) of each step.
 *
 * @param gradientNorms {@code ||grad L(t_k)||} for {@code k = 0, 1, ...}
 * @param losses {@code L(t_k)}
 * @param innerIterations Hessian-vector products spent on step k (empty for gradient descent)
 * @param last the last point
 */
record Trajectory(double[] gradientNorms, double[] losses, int[] innerIterations, double[] last) {
  /**
   * How exactly each Newton system is solved: CG stops at {@code ||H d + g|| <= 1e-10 ||g||}, so the step is
   * Newton's to rounding and the convergence is not limited by an inexact solve.
   */
  private static final double SOLVE_TOLERANCE = 1e-10;

  /**
   * Newton's method with full steps: solve {@code H(t) d = -grad L(t)} by {@link ConjugateGradient} with
   * Hessian-vector products only, then {@code t <- t + d}; stops when {@code ||grad L|| <= tolerance}. Near the
   * minimum {@code ||g_(k+1)|| <= C ||g_k||^2}: the number of correct digits doubles every step.
   */
  static Trajectory newton(LogisticProblem problem, double[] start, double tolerance, int maxSteps) {
    checkArgument(maxSteps > 0, "Trajectory.newton: maxSteps must be positive, was %s", maxSteps);
    List<Double> norms = new ArrayList<>();
    List<Double> losses = new ArrayList<>();
    List<Integer> inner = new ArrayList<>();
    double[] t = start.clone();
    for (int k = 0; ; k++) {
      double[] g = problem.gradient(t);
      norms.add(Vectors.norm(g));
      losses.add(problem.value(t));
      if (Vectors.norm(g) <= tolerance || k == maxSteps) {
        break;
      }
      double[] point = t;
      ConjugateGradient.Solution step = ConjugateGradient.solve(v -> problem.hessianVectorProduct(point, v),
          Vectors.scale(-1, g), SOLVE_TOLERANCE, 4 * problem.dimension());
      inner.add(step.iterations());
      t = Vectors.axpy(1, step.x(), t);
    }
    return new Trajectory(toDoubles(norms), toDoubles(losses), inner.stream().mapToInt(Integer::intValue).toArray(),
        t);
  }

  /**
   * Gradient descent {@code t <- t - rate grad L(t)} for {@code steps} steps. Near the minimum
   * {@code g_(k+1) ~ (I - rate H) g_k}, so the norm shrinks by about {@code 1 - rate lambda_min(H)} a step: a
   * straight line on a log scale whose slope the condition number sets.
   */
  static Trajectory gradientDescent(LogisticProblem problem, double[] start, double rate, int steps) {
    checkArgument(rate > 0 && steps > 0, "Trajectory.gradientDescent: rate %s and steps %s must be positive",
        (Object) rate, steps);
    double[] norms = new double[steps + 1];
    double[] losses = new double[steps + 1];
    double[] t = start.clone();
    for (int k = 0; k <= steps; k++) {
      double[] g = problem.gradient(t);
      norms[k] = Vectors.norm(g);
      losses[k] = problem.value(t);
      if (k < steps) {
        t = Vectors.axpy(-rate, g, t);
      }
    }
    return new Trajectory(norms, losses, new int[0], t);
  }

  /** The number of steps taken. */
  int steps() {
    return gradientNorms.length - 1;
  }

  /** {@code ||g_k|| / ||g_(k-1)||^p}: about constant for convergence of order p. */
  double ratio(int k, double order) {
    return gradientNorms[k] / Math.pow(gradientNorms[k - 1], order);
  }

  private static double[] toDoubles(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
