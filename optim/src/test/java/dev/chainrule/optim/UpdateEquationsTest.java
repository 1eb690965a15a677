package dev.chainrule.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Tensor;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Each optimizer against its published update equations (PyTorch 1.13 documentation), three steps in FLOAT64 on
 * fixed gradients. The expected values are computed here element by element with plain double arithmetic
 * written from the equations, never by the code under test.
 */
class UpdateEquationsTest {
  private static final double TOL = 1e-12;
  private static final double[] THETA0 = {0.5, -1.5, 2.0};
  private static final double[][] GRADS = {{0.3, -0.2, 1.0}, {-0.4, 0.1, 0.5}, {0.2, 0.6, -0.7}};

  /** Runs three steps with the fixed gradients and returns the parameter after each. */
  private static double[][] run(Function<List<Tensor>, Optimizer> make) {
    Tensor p = Tensor.of(THETA0.clone()).requiresGrad();
    Optimizer opt = make.apply(List.of(p));
    double[][] out = new double[GRADS.length][];
    for (int t = 0; t < GRADS.length; t++) {
      p.setGrad(Tensor.of(GRADS[t].clone()));
      opt.step();
      out[t] = p.toDoubleArray();
    }
    return out;
  }

  /** Guards a test's premise: the option it covers changes the trajectory by far more than the tolerance. */
  private static void assertTrajectoryDiffers(double[][] a, double[][] b) {
    double most = 0;
    for (int t = 0; t < a.length; t++) {
      for (int i = 0; i < a[t].length; i++) {
        most = Math.max(most, Math.abs(a[t][i] - b[t][i]));
      }
    }
    assertTrue(most > 1e-4, "the option makes no difference: " + most);
  }

  private static void assertTrajectory(double[][] expected, double[][] actual) {
    for (int t = 0; t < expected.length; t++) {
      assertArrayEquals(expected[t], actual[t], TOL, "step " + (t + 1));
    }
  }

  @Test
  void sgdWithMomentumDampeningAndWeightDecay() {
    double lr = 0.1, mu = 0.9, tau = 0.2, lambda = 0.05;
    double[][] expected = new double[3][3];
    for (int i = 0; i < 3; i++) {
      double theta = THETA0[i], b = 0;
      for (int t = 0; t < 3; t++) {
        double g = GRADS[t][i] + lambda * theta;
        b = t == 0 ? g : mu * b + (1 - tau) * g;
        theta = theta - lr * b;
        expected[t][i] = theta;
      }
    }
    assertTrajectory(expected, run(ps -> SGD.builder(ps).learningRate(lr).momentum(mu).dampening(tau)
        .weightDecay(lambda).build()));
  }

  @Test
  void sgdNesterov() {
    double lr = 0.05, mu = 0.8;
    double[][] expected = new double[3][3];
    for (int i = 0; i < 3; i++) {
      double theta = THETA0[i], b = 0;
      for (int t = 0; t < 3; t++) {
        double g = GRADS[t][i];
        b = t == 0 ? g : mu * b + g;
        theta = theta - lr * (g + mu * b);
        expected[t][i] = theta;
      }
    }
    assertTrajectory(expected, run(ps -> SGD.builder(ps).learningRate(lr).momentum(mu).nesterov(true).build()));
  }

  @Test
  void plainSgd() {
    double[][] expected = new double[3][3];
    for (int i = 0; i < 3; i++) {
      double theta = THETA0[i];
      for (int t = 0; t < 3; t++) {
        theta -= 0.3 * GRADS[t][i];
        expected[t][i] = theta;
      }
    }
    assertTrajectory(expected, run(ps -> new SGD(ps, 0.3)));
  }

  @Test
  void adagradWithDecayAndInitialAccumulator() {
    double lr = 0.1, eta = 0.5, lambda = 0.01, s0 = 0.2, eps = 1e-10;
    double[][] expected = new double[3][3];
    for (int i = 0; i < 3; i++) {
      double theta = THETA0[i], s = s0;
      for (int t = 1; t <= 3; t++) {
        double g = GRADS[t - 1][i] + lambda * theta;
        double clr = lr / (1 + (t - 1) * eta);
        s += g * g;
        theta -= clr * g / (Math.sqrt(s) + eps);
        expected[t - 1][i] = theta;
      }
    }
    assertTrajectory(expected, run(ps -> Adagrad.builder(ps).learningRate(lr).learningRateDecay(eta)
        .weightDecay(lambda).initialAccumulator(s0).build()));
  }

  @Test
  void adadeltaWithWeightDecay() {
    double lr = 1.0, rho = 0.9, eps = 1e-6, lambda = 0.1;
    double[][] expected = new double[3][3];
    for (int i = 0; i < 3; i++) {
      double theta = THETA0[i], v = 0, u = 0;
      for (int t = 0; t < 3; t++) {
        double g = GRADS[t][i] + lambda * theta;
        v = rho * v + (1 - rho) * g * g;
        double delta = Math.sqrt(u + eps) / Math.sqrt(v + eps) * g;
        u = rho * u + (1 - rho) * delta * delta;
        theta -= lr * delta;
        expected[t][i] = theta;
      }
    }
    assertTrajectory(expected, run(ps -> Adadelta.builder(ps).weightDecay(lambda).build()));
  }

  @Test
  void rmspropPlain() {
    assertTrajectory(rmsprop(0.01, 0.99, 1e-8, 0, 0, false), run(ps -> new RMSprop(ps, 0.01)));
  }

  @Test
  void rmspropCenteredWithMomentumAndWeightDecay() {
    assertTrajectory(rmsprop(0.02, 0.9, 1e-8, 0.05, 0.7, true), run(ps -> RMSprop.builder(ps).learningRate(0.02)
        .alpha(0.9).weightDecay(0.05).momentum(0.7).centered(true).build()));
  }

  private static double[][] rmsprop(double lr, double alpha, double eps, double lambda, double mu,
      boolean centered) {
    double[][] expected = new double[3][3];
    for (int i = 0; i < 3; i++) {
      double theta = THETA0[i], v = 0, a = 0, b = 0;
      for (int t = 0; t < 3; t++) {
        double g = GRADS[t][i] + lambda * theta;
        v = alpha * v + (1 - alpha) * g * g;
        a = alpha * a + (1 - alpha) * g;
        double r = centered ? v - a * a : v;
        if (mu > 0) {
          b = mu * b + g / (Math.sqrt(r) + eps);
          theta -= lr * b;
        } else {
          theta -= lr * g / (Math.sqrt(r) + eps);
        }
        expected[t][i] = theta;
      }
    }
    return expected;
  }

  @Test
  void adamWithL2WeightDecay() {
    assertTrajectory(adam(0.01, 0.9, 0.999, 1e-8, 0.1, false, false),
        run(ps -> Adam.builder(ps).learningRate(0.01).weightDecay(0.1).build()));
  }

  @Test
  void adamAmsgrad() {
    // With beta2 = 0.5, v of the last element falls at step 2 (0.5, then 0.5 * 0.5 + 0.5 * 0.25 = 0.375),
    // so the running maximum, not v, enters the update there.
    assertTrajectory(adam(0.05, 0.8, 0.5, 1e-8, 0, true, false),
        run(ps -> Adam.builder(ps).learningRate(0.05).betas(0.8, 0.5).amsgrad(true).build()));
    assertTrajectoryDiffers(adam(0.05, 0.8, 0.5, 1e-8, 0, false, false), adam(0.05, 0.8, 0.5, 1e-8, 0, true, false));
  }

  @Test
  void adamWDecoupledDecay() {
    assertTrajectory(adam(0.01, 0.9, 0.999, 1e-8, 0.2, false, true),
        run(ps -> AdamW.builder(ps).learningRate(0.01).weightDecay(0.2).build()));
  }

  @Test
  void adamWAmsgradWithDefaultDecay() {
    assertTrajectory(adam(0.05, 0.9, 0.5, 1e-8, 0.01, true, true),
        run(ps -> AdamW.builder(ps).learningRate(0.05).betas(0.9, 0.5).amsgrad(true).build()));
  }

  private static double[][] adam(double lr, double beta1, double beta2, double eps, double lambda, boolean amsgrad,
      boolean decoupled) {
    double[][] expected = new double[3][3];
    for (int i = 0; i < 3; i++) {
      double theta = THETA0[i], m = 0, v = 0, vmax = 0;
      for (int t = 1; t <= 3; t++) {
        double g = GRADS[t - 1][i];
        if (decoupled) {
          theta *= 1 - lr * lambda;
        } else {
          g += lambda * theta;
        }
        m = beta1 * m + (1 - beta1) * g;
        v = beta2 * v + (1 - beta2) * g * g;
        vmax = Math.max(vmax, v);
        double vhat = amsgrad ? vmax : v;
        double mHat = m / (1 - Math.pow(beta1, t));
        double vHat = vhat / (1 - Math.pow(beta2, t));
        theta -= lr * mHat / (Math.sqrt(vHat) + eps);
        expected[t - 1][i] = theta;
      }
    }
    return expected;
  }
}
