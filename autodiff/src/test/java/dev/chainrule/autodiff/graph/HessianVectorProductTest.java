package dev.chainrule.autodiff.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Autograd;
import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Hessian-vector product of a small MLP's loss, by double backward, against central differences of the
 * gradient: {@code H v ~ (grad L(w + eps v) - grad L(w - eps v)) / (2 eps)}.
 */
class HessianVectorProductTest {
  private static final Rng RNG = new Rng(2024);
  private static final Tensor X = Tensor.randn(RNG, 6, 3).to(DType.FLOAT64);
  private static final Tensor LABELS = Tensor.ofLongs(0, 1, 2, 1, 0, 2);

  /** Cross-entropy of a 3-4-3 tanh network over six samples. */
  private static Tensor loss(Tensor w1, Tensor b1, Tensor w2) {
    Tensor hidden = X.matmul(w1).add(b1).tanh();
    Tensor logProbabilities = hidden.matmul(w2).logSoftmax(1);
    return logProbabilities.gather(1, LABELS.reshape(6, 1)).mean().neg();
  }

  private static List<Tensor> gradient(List<Tensor> params, boolean createGraph) {
    return Autograd.grad(loss(params.get(0), params.get(1), params.get(2)), params, createGraph);
  }

  @Test
  void doubleBackwardMatchesFiniteDifferencesOfTheGradient() {
    List<Tensor> w = List.of(param(3, 4), param(4), param(4, 3));
    List<Tensor> v = List.of(direction(3, 4), direction(4), direction(4, 3));

    List<Tensor> g = gradient(w, true);
    Tensor gDotV = g.get(0).mul(v.get(0)).sum().add(g.get(1).mul(v.get(1)).sum()).add(g.get(2).mul(v.get(2)).sum());
    List<Tensor> hv = Autograd.grad(gDotV, w, false);

    double eps = 1e-5;
    List<Tensor> plus = gradient(shifted(w, v, eps), false);
    List<Tensor> minus = gradient(shifted(w, v, -eps), false);
    double largest = 0;
    for (int p = 0; p < w.size(); p++) {
      double[] analytic = hv.get(p).toDoubleArray();
      double[] hi = plus.get(p).toDoubleArray();
      double[] lo = minus.get(p).toDoubleArray();
      for (int i = 0; i < analytic.length; i++) {
        double numeric = (hi[i] - lo[i]) / (2 * eps);
        assertEquals(numeric, analytic[i], 1e-7 + 1e-5 * Math.abs(numeric),
            "parameter " + p + " element " + i);
        largest = Math.max(largest, Math.abs(numeric));
      }
    }
    assertTrue(largest > 1e-2, "the Hessian-vector product must not be trivially zero, largest " + largest);
  }

  private static Tensor param(int... shape) {
    return Tensor.randn(RNG, shape).to(DType.FLOAT64).mul(0.5).detach().requiresGrad();
  }

  private static Tensor direction(int... shape) {
    return Tensor.randn(RNG, shape).to(DType.FLOAT64);
  }

  private static List<Tensor> shifted(List<Tensor> w, List<Tensor> v, double eps) {
    try (var off = GradMode.off()) {
      return List.of(w.get(0).add(v.get(0).mul(eps)).requiresGrad(), w.get(1).add(v.get(1).mul(eps)).requiresGrad(),
          w.get(2).add(v.get(2).mul(eps)).requiresGrad());
    }
  }
}
