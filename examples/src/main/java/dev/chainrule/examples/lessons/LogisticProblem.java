package dev.chainrule.examples.lessons;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Autograd;
import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.data.Datasets;
import dev.chainrule.nn.data.Standardizer;
import dev.chainrule.nn.data.TensorDataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * L2-regularised logistic regression as a small smooth, strictly convex problem for second-order methods. With
 * the features {@code X} (n, d), a last column of ones for the bias, labels {@code y} in {0, 1}, {@code z = X t}
 * and {@code p = sigmoid(z)}:
 *
 * <pre>
 *   L(t)   = (1/n) sum_i [ln(1 + e^(z_i)) - y_i z_i] + (lambda/2) ||t||^2
 *   grad L = X^T (p - y) / n + lambda t
 *   H      = X^T diag(p (1 - p)) X / n + lambda I
 * </pre>
 *
 * The gradient comes from {@code backward}, and Hessian-vector products {@code H v = d/dt <grad L(t), v>} from
 * backward through the recorded backward ({@link Autograd#grad} with {@code createGraph}); the formula for H is
 * only used to check them. All in FLOAT64.
 */
final class LogisticProblem {
  private final Tensor features;
  private final Tensor labels;
  private final double lambda;

  private LogisticProblem(Tensor features, Tensor labels, double lambda) {
    this.features = features;
    this.labels = labels;
    this.lambda = lambda;
  }

  /**
   * Iris versicolor (label 0) against virginica (label 1), the two species that overlap: 100 flowers, the four
   * measurements standardised, plus a bias, so {@code d = 5}.
   */
  static LogisticProblem irisVersicolorVirginica(double lambda) {
    checkArgument(lambda > 0, "LogisticProblem: lambda must be positive for a unique minimum, was %s", lambda);
    TensorDataset iris = Datasets.iris();
    double[] species = iris.labels().toDoubleArray();
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < species.length; i++) {
      if (species[i] > 0) {
        rows.add(i);
      }
    }
    int[] chosen = rows.stream().mapToInt(Integer::intValue).toArray();
    Tensor x = iris.features().indexSelect(0, chosen).to(DType.FLOAT64);
    Tensor standardized = Standardizer.fit(x).transform(x);
    Tensor withBias = Tensor.concat(1, standardized, Tensor.ones(DType.FLOAT64, chosen.length, 1));
    Tensor y = iris.labels().indexSelect(0, chosen).to(DType.FLOAT64).sub(1);
    return new LogisticProblem(withBias, y, lambda);
  }

  /** The number of parameters d (weights and bias). */
  int dimension() {
    return features.shape().dims()[1];
  }

  /** The number of samples n. */
  int samples() {
    return features.shape().dims()[0];
  }

  /** The L2 strength lambda. */
  double lambda() {
    return lambda;
  }

  /** {@code L(t)} as a differentiable scalar of {@code theta}, a vector of {@link #dimension()} elements. */
  Tensor loss(Tensor theta) {
    checkArgument(theta.rank() == 1 && theta.size() == dimension(), "LogisticProblem.loss: theta of shape %s,"
        + " expected (%s)", theta.shape(), dimension());
    Tensor z = features.matmul(theta.reshape(dimension(), 1)).reshape(samples());
    Tensor data = z.exp().add(1).log().sub(labels.mul(z)).mean();
    return data.add(theta.square().sum().mul(lambda / 2));
  }

  /** {@code L(t)}. */
  double value(double[] theta) {
    return loss(Tensor.of(theta)).item();
  }

  /** {@code grad L(t)} by backward. */
  double[] gradient(double[] theta) {
    Tensor t = Tensor.of(theta).requiresGrad();
    return Autograd.grad(loss(t), List.of(t), false).get(0).toDoubleArray();
  }

  /**
   * {@code H(t) v} without forming H: the gradient is computed with its graph recorded, then differentiated
   * once more, {@code H v = d/dt <grad L(t), v>}; costs about two backward passes.
   */
  double[] hessianVectorProduct(double[] theta, double[] v) {
    checkArgument(v.length == dimension(), "LogisticProblem.hessianVectorProduct: v of %s elements, expected %s",
        v.length, dimension());
    Tensor t = Tensor.of(theta).requiresGrad();
    Tensor g = Autograd.grad(loss(t), List.of(t), true).get(0);
    return Autograd.grad(g.mul(Tensor.of(v)).sum(), List.of(t), false).get(0).toDoubleArray();
  }

  /** H assembled column by column from the d products {@code H e_i}: only sensible when d is tiny. */
  double[][] hessianFromProducts(double[] theta) {
    int d = dimension();
    double[][] h = new double[d][d];
    for (int i = 0; i < d; i++) {
      double[] column = hessianVectorProduct(theta, Vectors.unit(d, i));
      for (int r = 0; r < d; r++) {
        h[r][i] = column[r];
      }
    }
    return h;
  }

  /** H by its closed form {@code X^T diag(p (1 - p)) X / n + lambda I}, in plain arithmetic, to check against. */
  double[][] hessianByFormula(double[] theta) {
    double[][] x = designMatrix();
    int d = dimension();
    double[][] h = new double[d][d];
    for (double[] row : x) {
      double p = 1 / (1 + Math.exp(-Vectors.dot(row, theta)));
      double weight = p * (1 - p) / x.length;
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          h[a][b] += weight * row[a] * row[b];
        }
      }
    }
    for (int a = 0; a < d; a++) {
      h[a][a] += lambda;
    }
    return h;
  }

  /** The rows of X, the standardised features with a last 1 for the bias. */
  double[][] designMatrix() {
    double[] flat = features.toDoubleArray();
    int d = dimension();
    double[][] rows = new double[samples()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = Arrays.copyOfRange(flat, i * d, (i + 1) * d);
    }
    return rows;
  }

  /** The labels y, 1 for virginica and 0 for versicolor. */
  double[] targets() {
    return labels.toDoubleArray();
  }
}
