package dev.chainrule.examples.lessons;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every claim the Newton lesson prints, checked on the numbers it computes. */
class NewtonLessonTest {
  private static NewtonLesson.Findings findings;

  @BeforeAll
  static void compute() {
    findings = NewtonLesson.compute();
  }

  @Test
  void hessianVectorProductsMatchFiniteDifferencesOfTheGradient() {
    assertTrue(findings.hessian().relativeError() < 1e-8, "relative error " + findings.hessian().relativeError());
  }

  @Test
  void theHessianFromProductsIsTheClosedFormAndSymmetric() {
    HessianCheck h = findings.hessian();
    assertTrue(h.largestDifference() < 1e-14, "largest difference " + h.largestDifference());
    assertTrue(h.asymmetry() < 1e-14, "asymmetry " + h.asymmetry());
    for (int i = 0; i < h.formula().length; i++) {
      assertArrayEquals(h.formula()[i], h.fromProducts()[i], 1e-14);
    }
  }

  @Test
  void newtonReachesTheMinimumWhereTheGradientFormulaVanishes() {
    Trajectory newton = findings.newton();
    assertTrue(newton.steps() <= 10, "Newton took " + newton.steps() + " steps");
    double[] g = gradientByFormula(findings.problem(), newton.last());
    assertTrue(Vectors.norm(g) < 1e-12, "gradient norm at Newton's minimum " + Vectors.norm(g));
    assertTrue(newton.losses()[newton.steps()] <= findings.descent().losses()[findings.descent().steps()]);
  }

  @Test
  void newtonConvergesQuadratically() {
    // near the minimum ||g_k|| / ||g_(k-1)||^2 settles to a constant while ||g_k|| / ||g_(k-1)|| collapses
    Trajectory newton = findings.newton();
    double smallestSquaredRatio = Double.POSITIVE_INFINITY;
    double largestSquaredRatio = 0;
    double previousLinearRatio = 1;
    int nearSteps = 0;
    for (int k = 1; k <= newton.steps(); k++) {
      if (newton.gradientNorms()[k - 1] < 1e-2) {
        smallestSquaredRatio = Math.min(smallestSquaredRatio, newton.ratio(k, 2));
        largestSquaredRatio = Math.max(largestSquaredRatio, newton.ratio(k, 2));
        assertTrue(newton.ratio(k, 1) < 0.1 * previousLinearRatio, "step " + k + " is not superlinear");
        previousLinearRatio = newton.ratio(k, 1);
        nearSteps++;
      }
    }
    assertTrue(nearSteps >= 3, "too few steps near the minimum to see the order: " + nearSteps);
    assertTrue(largestSquaredRatio < 1.5 * smallestSquaredRatio,
        "||g_k|| / ||g_(k-1)||^2 from " + smallestSquaredRatio + " to " + largestSquaredRatio);
  }

  @Test
  void conjugateGradientsNeedAtMostOneProductPerParameter() {
    for (int products : findings.newton().innerIterations()) {
      assertTrue(products >= 1 && products <= findings.problem().dimension(), "CG took " + products);
    }
  }

  @Test
  void gradientDescentConvergesLinearlyAtTheRateTheConditionNumberPredicts() {
    Trajectory descent = findings.descent();
    int steps = descent.steps();
    for (int k = 1; k <= steps; k++) {
      assertTrue(descent.ratio(k, 1) < 1, "gradient descent's norm grew at step " + k);
    }
    double predicted = findings.predictedDescentFactor();
    assertEquals(predicted, descent.ratio(steps, 1), 1e-3);
    assertTrue(descent.gradientNorms()[steps] > 1e6 * findings.newton().gradientNorms()[findings.newton().steps()]);
  }

  @Test
  void theCurvatureBoundHoldsAtTheMinimum() {
    double[] atMinimum = SymmetricEigenvalues.of(findings.problem().hessianFromProducts(findings.newton().last()));
    assertTrue(atMinimum[atMinimum.length - 1] <= findings.largestCurvature());
    assertTrue(findings.smallestCurvature() >= findings.problem().lambda() - 1e-12,
        "lambda I bounds H from below");
  }

  @Test
  void jacobiFindsTheEigenvaluesOfAKnownMatrix() {
    // eigenvalues 1, 2, 4 rotated by an orthogonal matrix: Q diag(1, 2, 4) Q^T with Q from a Householder vector
    double[] u = {1, 2, 2};
    double uu = 9;
    double[] lambdas = {1, 2, 4};
    double[][] a = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        for (int k = 0; k < 3; k++) {
          double qik = (i == k ? 1 : 0) - 2 * u[i] * u[k] / uu;
          double qjk = (j == k ? 1 : 0) - 2 * u[j] * u[k] / uu;
          a[i][j] += qik * lambdas[k] * qjk;
        }
      }
    }
    assertArrayEquals(lambdas, SymmetricEigenvalues.of(a), 1e-13);
  }

  @Test
  void conjugateGradientsSolveASymmetricPositiveDefiniteSystem() {
    double[][] a = {{4, 1, 0}, {1, 3, 1}, {0, 1, 2}};
    double[] x = {1, -2, 3};
    double[] b = {4 - 2, 1 - 6 + 3, -2 + 6};
    ConjugateGradient.Solution solution = ConjugateGradient.solve(v -> new double[] {
        4 * v[0] + v[1], v[0] + 3 * v[1] + v[2], v[1] + 2 * v[2]}, b, 1e-12, 10);
    assertArrayEquals(x, solution.x(), 1e-10);
    assertTrue(solution.iterations() <= a.length);
  }

  /** {@code X^T (p - y) / n + lambda t} in plain arithmetic, independent of autodiff. */
  private static double[] gradientByFormula(LogisticProblem problem, double[] theta) {
    double[][] x = problem.designMatrix();
    double[] y = problem.targets();
    int n = x.length;
    double[] g = new double[theta.length];
    for (int i = 0; i < n; i++) {
      double z = Vectors.dot(x[i], theta);
      double residual = (1 / (1 + Math.exp(-z)) - y[i]) / n;
      for (int k = 0; k < theta.length; k++) {
        g[k] += residual * x[i][k];
      }
    }
    return Vectors.axpy(problem.lambda(), theta, g);
  }
}
