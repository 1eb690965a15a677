package dev.chainrule.examples.lessons;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.optim.Adadelta;
import dev.chainrule.optim.Adagrad;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.RMSprop;
import dev.chainrule.optim.SGD;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The seven optimizers of the lesson on the same two problems: the flower classifier (same data, same initial
 * weights) and the {@link Valley} (same starting point). Each gets a learning rate of its own per problem,
 * roughly the largest that behaves, as one would tune them; the momentum variants use {@code mu = 0.9}.
 */
final class OptimizerRace {
  static final int CLASSIFIER_STEPS = 300;
  static final int VALLEY_STEPS = 400;
  static final double[] VALLEY_START = {-1.5, 2};
  static final long SEED = 8;

  /** An optimizer with its learning rates for the classifier and for the valley. */
  record Recipe(String name, double classifierRate, double valleyRate,
      BiFunction<List<Tensor>, Double, Optimizer> make) {}

  static final List<Recipe> RECIPES = List.of(
      new Recipe("SGD", 1.0, 0.015, SGD::new),
      new Recipe("Momentum", 0.1, 0.003, (p, lr) -> SGD.builder(p).learningRate(lr).momentum(0.9).build()),
      new Recipe("Nesterov", 0.1, 0.003,
          (p, lr) -> SGD.builder(p).learningRate(lr).momentum(0.9).nesterov(true).build()),
      new Recipe("Adagrad", 0.3, 1.0, Adagrad::new),
      new Recipe("Adadelta", 10, 10, (p, lr) -> Adadelta.builder(p).learningRate(lr).build()),
      new Recipe("RMSprop", 0.01, 0.01, RMSprop::new),
      new Recipe("Adam", 0.03, 0.1, Adam::new));

  /** One optimizer's run: the loss before each step and after the last, and the points it visited. */
  record Run(String name, double rate, double[] losses, double[] us, double[] vs) {
    double finalLoss() {
      return losses[losses.length - 1];
    }

    /** The first step at which the loss is below {@code threshold}, or -1 if it never is. */
    int stepsTo(double threshold) {
      for (int t = 0; t < losses.length; t++) {
        if (losses[t] < threshold) {
          return t;
        }
      }
      return -1;
    }
  }

  private OptimizerRace() {}

  /** Every recipe on the flower classifier (8 tanh units), from one initialisation, on one data set. */
  static List<Run> classifier() {
    FlowerData data = FlowerData.generate(ShallowNetworkLesson.PER_CLASS, new Rng(SEED));
    return RECIPES.stream().map(recipe -> {
      Module model = BinaryClassifier.shallow(8, new Rng(SEED + 1));
      Optimizer optimizer = recipe.make().apply(model.parameters(), recipe.classifierRate());
      double[] losses = BinaryClassifier.train(model, optimizer, data, CLASSIFIER_STEPS);
      return new Run(recipe.name(), recipe.classifierRate(), losses, new double[0], new double[0]);
    }).toList();
  }

  /** Every recipe on the valley, from {@link #VALLEY_START}, recording the path. */
  static List<Run> valley() {
    return RECIPES.stream().map(recipe -> {
      Tensor p = Tensor.of(DType.FLOAT64, VALLEY_START, 2).requiresGrad();
      Optimizer optimizer = recipe.make().apply(List.of(p), recipe.valleyRate());
      double[] losses = new double[VALLEY_STEPS + 1];
      double[] us = new double[VALLEY_STEPS + 1];
      double[] vs = new double[VALLEY_STEPS + 1];
      for (int t = 0; t <= VALLEY_STEPS; t++) {
        us[t] = p.get(0);
        vs[t] = p.get(1);
        optimizer.zeroGrad();
        Tensor f = Valley.f(p);
        losses[t] = f.item();
        if (t < VALLEY_STEPS) {
          f.backward();
          optimizer.step();
        }
      }
      return new Run(recipe.name(), recipe.valleyRate(), losses, us, vs);
    }).toList();
  }

  /**
   * The run that first gets below {@code threshold}; among runs that never do (or tie), the lowest final loss.
   */
  static Run fastest(List<Run> runs, double threshold) {
    Run best = runs.get(0);
    for (Run run : runs) {
      if (faster(run, best, threshold)) {
        best = run;
      }
    }
    return best;
  }

  private static boolean faster(Run a, Run b, double threshold) {
    int sa = a.stepsTo(threshold);
    int sb = b.stepsTo(threshold);
    if (sa >= 0 && (sb < 0 || sa < sb)) {
      return true;
    }
    return sa == sb && a.finalLoss() < b.finalLoss();
  }
}
