package dev.chainrule.examples.lessons;

import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.layers.Sequential;
import dev.chainrule.nn.layers.Tanh;
import dev.chainrule.nn.loss.BCEWithLogitsLoss;
import dev.chainrule.optim.Optimizer;

/**
 * Training and measuring a model that outputs one logit {@code z} per point, read as
 * {@code P(y = 1) = sigmoid(z)}, with the cross-entropy cost on the logits ({@link BCEWithLogitsLoss}, the
 * stable form of {@code -(y ln a + (1 - y) ln(1 - a))}). Full-batch: every step sees the whole data set.
 */
final class BinaryClassifier {
  private static final BCEWithLogitsLoss COST = new BCEWithLogitsLoss();

  private BinaryClassifier() {}

  /** Logistic regression on two inputs: {@code z = w . x + b}. */
  static Module logistic(Rng rng) {
    return new Linear(2, 1, rng);
  }

  /** One hidden layer: {@code z = W2 tanh(W1 x + b1) + b2} with {@code hidden} units. */
  static Module shallow(int hidden, Rng rng) {
    return new Sequential(new Linear(2, hidden, rng), new Tanh(), new Linear(hidden, 1, rng));
  }

  /** {@code steps} optimizer steps on the whole data; the cost before each step and after the last. */
  static double[] train(Module model, Optimizer optimizer, FlowerData data, int steps) {
    double[] costs = new double[steps + 1];
    for (int t = 0; t < steps; t++) {
      optimizer.zeroGrad();
      Tensor cost = COST.apply(model.forward(data.x()), data.y());
      costs[t] = cost.item();
      cost.backward();
      optimizer.step();
    }
    costs[steps] = cost(model, data);
    return costs;
  }

  /** The cost on {@code data}, without recording a graph. */
  static double cost(Module model, FlowerData data) {
    try (var off = GradMode.off()) {
      return COST.apply(model.forward(data.x()), data.y()).item();
    }
  }

  /** The fraction of points whose predicted class ({@code z >= 0}, i.e. {@code P >= 1/2}) is right. */
  static double accuracy(Module model, FlowerData data) {
    try (var off = GradMode.off()) {
      return model.forward(data.x()).ge(0).eq(data.y()).mean().item();
    }
  }

  /** {@code P(y = 1)} at every point of {@code grid}, as chart rows. */
  static double[][] probabilities(Module model, PlaneGrid grid) {
    try (var off = GradMode.off()) {
      return grid.rows(model.forward(grid.points()).sigmoid());
    }
  }
}
