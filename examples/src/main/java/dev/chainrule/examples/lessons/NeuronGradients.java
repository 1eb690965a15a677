package dev.chainrule.examples.lessons;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Tensor;

/**
 * The gradient of the logistic-regression cost three ways, for one neuron {@code a = sigmoid(w . x + b)} and
 * the cost {@code J = -(1/m) sum_i [y_i ln a_i + (1 - y_i) ln(1 - a_i)]}:
 *
 * <ul>
 *   <li>{@link #loop}: the course notes' explicit loop over the samples and features, in plain Java:
 *       {@code z_i = w . x_i + b, a_i = sigmoid(z_i), dz_i = a_i - y_i, dw += x_i dz_i, db += dz_i}, then
 *       {@code dw / m}, {@code db / m};
 *   <li>{@link #vectorized}: the same formulas on whole matrices with chainrule tensors, no loop:
 *       {@code A = sigmoid(X w + b), dZ = A - Y, dw = X^T dZ / m, db = sum(dZ) / m};
 *   <li>{@link #autodiff}: the cost written as tensor operations and differentiated by {@code backward()},
 *       which never sees the formula {@code dz = a - y}.
 * </ul>
 */
final class NeuronGradients {

  /** The gradient {@code dJ/dw} (one entry per feature), {@code dJ/db} and the cost {@code J}. */
  record Gradient(double[] dw, double db, double cost) {}

  private NeuronGradients() {}

  /** The explicit loop over {@code x[i][j]}, {@code y[i]} in {0, 1}. */
  static Gradient loop(double[][] x, double[] y, double[] w, double b) {
    checkArgument(x.length == y.length && x.length > 0, "NeuronGradients.loop: %s samples but %s labels",
        x.length, y.length);
    int m = x.length;
    int n = w.length;
    double[] dw = new double[n];
    double db = 0;
    double cost = 0;
    for (int i = 0; i < m; i++) {
      double z = b;
      for (int j = 0; j < n; j++) {
        z += w[j] * x[i][j];
      }
      double a = 1 / (1 + Math.exp(-z));
      cost -= y[i] * Math.log(a) + (1 - y[i]) * Math.log(1 - a);
      double dz = a - y[i];
      for (int j = 0; j < n; j++) {
        dw[j] += x[i][j] * dz;
      }
      db += dz;
    }
    for (int j = 0; j < n; j++) {
      dw[j] /= m;
    }
    return new Gradient(dw, db / m, cost / m);
  }

  /** The vectorized formulas: {@code x} is {@code (m, n)}, {@code y} and the result's rows {@code (m, 1)}. */
  static Gradient vectorized(Tensor x, Tensor y, Tensor w, Tensor b) {
    try (var off = GradMode.off()) {
      int m = x.shape().dim(0);
      Tensor a = x.matmul(w).add(b).sigmoid();
      Tensor dz = a.sub(y);
      Tensor dw = dz.reshape(1, m).matmul(x).div(m);
      Tensor cost = y.mul(a.log()).add(y.rsub(1).mul(a.rsub(1).log())).mean().neg();
      return new Gradient(dw.toDoubleArray(), dz.mean().item(), cost.item());
    }
  }

  /** The cost {@code J} as a graph of tensor operations on the parameters {@code w (n, 1)} and {@code b}. */
  static Tensor cost(Tensor x, Tensor y, Tensor w, Tensor b) {
    Tensor a = x.matmul(w).add(b).sigmoid();
    return y.mul(a.log()).add(y.rsub(1).mul(a.rsub(1).log())).mean().neg();
  }

  /** {@code dJ/dw} and {@code dJ/db} from {@code backward()} through {@link #cost}. */
  static Gradient autodiff(Tensor x, Tensor y, Tensor w, Tensor b) {
    Tensor wLeaf = w.detach().requiresGrad();
    Tensor bLeaf = b.detach().requiresGrad();
    Tensor cost = cost(x, y, wLeaf, bLeaf);
    cost.backward();
    return new Gradient(wLeaf.grad().toDoubleArray(), bLeaf.grad().item(), cost.item());
  }
}
