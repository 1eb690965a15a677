package dev.chainrule.examples.lessons;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.TensorDataset;
import dev.chainrule.nn.diagnostics.GradientNorms;
import dev.chainrule.nn.diagnostics.SymmetryDetector;
import dev.chainrule.nn.diagnostics.SymmetryReport;
import dev.chainrule.nn.init.Init;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.layers.ReLU;
import dev.chainrule.nn.layers.Sequential;
import dev.chainrule.nn.layers.Sigmoid;
import dev.chainrule.nn.loss.CrossEntropyLoss;
import dev.chainrule.nn.train.History;
import dev.chainrule.nn.train.Trainer;
import dev.chainrule.optim.SGD;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The two experiments of the initialisation lesson, on the standardised digits.
 *
 * <p>Symmetry: a {@code 64 -> 16 -> 10} network with a sigmoid hidden layer, every weight and bias set by one
 * scheme, trained with plain SGD; the {@link SymmetryDetector} looks for identical hidden units after the first
 * backward and again after training.
 *
 * <p>Depth: a ReLU network of {@link #DEPTH} linear layers, {@code 64 -> 32 -> ... -> 32 -> 10}, with weights set
 * by one scheme and zero biases. One backward on a fixed batch gives the {@link GradientNorms} of every layer's
 * weight and bias; then a few epochs of SGD give the training loss per epoch.
 */
final class InitExperiments {
  static final int DEPTH = 8;
  static final int WIDTH = 32;
  static final int SYMMETRY_STEPS = 100;
  static final double SYMMETRY_LEARNING_RATE = 0.5;
  static final int EPOCHS = 6;
  static final double LEARNING_RATE = 0.1;
  private static final int BATCH = 64;

  private InitExperiments() {}

  /**
   * What the detector found after the first backward and after {@code steps} SGD steps (followed by one backward
   * over the whole training split, so that gradients are compared too), and the norm of the hidden weight then.
   */
  record SymmetryRun(InitScheme scheme, SymmetryReport atStart, SymmetryReport afterTraining, int steps,
      double hiddenWeightNorm) {}

  /** Per layer (input side first) the gradient norms of weight and bias, and the training loss per epoch. */
  record DepthRun(InitScheme scheme, double[] weightGradients, double[] biasGradients, double[] loss) {}

  /** Trains the sigmoid network started by {@code scheme} for {@link #SYMMETRY_STEPS} steps of SGD. */
  static SymmetryRun symmetry(InitScheme scheme, StandardizedDigits digits, long seed) {
    Rng rng = new Rng(seed);
    Linear hidden = new Linear(64, 16, rng);
    Linear output = new Linear(16, 10, rng);
    Sequential model = new Sequential(hidden, new Sigmoid(), output);
    for (Linear layer : List.of(hidden, output)) {
      scheme.initialize(layer.weight(), rng);
      Init.zeros(layer.bias());
    }
    SGD sgd = new SGD(model.parameters(), SYMMETRY_LEARNING_RATE);
    DataLoader loader = DataLoader.builder(digits.train()).batchSize(BATCH).shuffle(seed).build();
    SymmetryReport start = null;
    int step = 0;
    for (int epoch = 0; step < SYMMETRY_STEPS; epoch++) {
      for (Batch batch : loader.epoch(epoch)) {
        if (step == SYMMETRY_STEPS) {
          break;
        }
        sgd.zeroGrad();
        new CrossEntropyLoss().apply(model.call(batch.features()), batch.labels()).backward();
        if (step == 0) {
          start = SymmetryDetector.check(model);
        }
        sgd.step();
        step++;
      }
    }
    sgd.zeroGrad();
    Batch all = digits.train().get(range(digits.train().size()));
    new CrossEntropyLoss().apply(model.call(all.features()), all.labels()).backward();
    double hiddenWeightNorm = GradientNorms.of(hidden).rows().stream().filter(r -> r.name().equals("weight"))
        .findFirst().orElseThrow().paramNorm();
    return new SymmetryRun(scheme, start, SymmetryDetector.check(model), step, hiddenWeightNorm);
  }

  /** Measures the deep ReLU network started by {@code scheme}, then trains it for {@link #EPOCHS} epochs. */
  static DepthRun depth(InitScheme scheme, StandardizedDigits digits, long seed) {
    Rng rng = new Rng(seed);
    List<Module> modules = new ArrayList<>();
    for (int l = 1; l <= DEPTH; l++) {
      Linear linear = new Linear(l == 1 ? 64 : WIDTH, l == DEPTH ? 10 : WIDTH, rng);
      scheme.initialize(linear.weight(), rng);
      Init.zeros(linear.bias());
      modules.add(linear);
      if (l < DEPTH) {
        modules.add(new ReLU());
      }
    }
    Sequential model = new Sequential(modules.toArray(Module[]::new));
    TensorDataset train = digits.train();
    Batch batch = train.get(range(256));
    new CrossEntropyLoss().apply(model.call(batch.features()), batch.labels()).backward();
    List<GradientNorms.Row> rows = GradientNorms.of(model).rows();
    double[] weights = gradientNorms(rows, ".weight");
    double[] biases = gradientNorms(rows, ".bias");
    SGD sgd = new SGD(model.parameters(), LEARNING_RATE);
    History history = Trainer.builder(model, new CrossEntropyLoss(), sgd).epochs(EPOCHS).build()
        .fit(DataLoader.builder(train).batchSize(BATCH).shuffle(seed).build(), null);
    return new DepthRun(scheme, weights, biases, history.values("loss"));
  }

  /** The gradient norms of the parameters whose name ends in {@code suffix}, in the model's order. */
  private static double[] gradientNorms(List<GradientNorms.Row> rows, String suffix) {
    return rows.stream().filter(r -> r.name().endsWith(suffix)).mapToDouble(r -> r.gradNorm().orElseThrow())
        .toArray();
  }

  private static int[] range(int n) {
    int[] indices = new int[n];
    Arrays.setAll(indices, i -> i);
    return indices;
  }
}
