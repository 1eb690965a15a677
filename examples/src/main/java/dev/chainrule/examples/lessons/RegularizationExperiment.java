package dev.chainrule.examples.lessons;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.examples.lessons.SplitCurves.Fit;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.Datasets;
import dev.chainrule.nn.data.Split;
import dev.chainrule.nn.data.Standardizer;
import dev.chainrule.nn.data.TensorDataset;
import dev.chainrule.nn.layers.Dropout;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.layers.ReLU;
import dev.chainrule.nn.layers.Sequential;
import dev.chainrule.nn.loss.CrossEntropyLoss;
import dev.chainrule.nn.loss.L2Penalty;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.nn.train.Callback;
import dev.chainrule.nn.train.EarlyStopping;
import dev.chainrule.nn.train.Trainer;
import dev.chainrule.optim.Adam;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The computation of the regularization lesson: one wide network trained four ways on a small training subset
 * of the breast-cancer data by full-batch Adam, every run from the same initial weights.
 *
 * <ul>
 *   <li>plain: cross-entropy {@code J} only, which the network drives to almost zero by memorising;
 *   <li>L2: {@code J + lambda/(2m) sum_l ||W_l||^2} over the weight matrices (not the biases), {@code m} the
 *       number of training examples;
 *   <li>dropout: inverted dropout on the inputs ({@link #INPUT_KEEP_PROB}) and after each hidden layer
 *       ({@link #HIDDEN_KEEP_PROB}), switched off for every measurement;
 *   <li>early stopping: plain training stopped once the validation loss has not improved for
 *       {@link #PATIENCE} epochs, with the weights of its best epoch put back.
 * </ul>
 *
 * Every run is measured with {@link SplitCurves}: plain cross-entropy and accuracy on the whole training and
 * validation sets after every epoch.
 */
final class RegularizationExperiment {
  static final int EPOCHS = 100;
  static final int HIDDEN = 128;
  static final double LEARNING_RATE = 2e-3;
  static final double LAMBDA = 2;
  static final double INPUT_KEEP_PROB = 0.8;
  static final double HIDDEN_KEEP_PROB = 0.5;
  static final int PATIENCE = 10;
  static final double TRAIN_FRACTION = 0.1;
  static final double VALIDATION_FRACTION = 0.4;
  private static final long SEED = 7;

  /** One training run: its name, its fit after every epoch, and its fit at the end. */
  record Run(String name, List<Fit> curve, Fit last) {}

  /** Where early stopping stopped, which epoch it judged best, and that epoch's validation loss. */
  record Stop(int stoppedEpoch, int bestEpoch, double bestValidationLoss) {}

  /** The four runs in the order plain, L2, dropout, early stopping, and what early stopping decided. */
  record Result(int trainSize, int validationSize, List<Run> runs, Stop stop) {
    /** The run called {@code name}: plain, L2, dropout or early stopping. */
    Run run(String name) {
      return runs.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow(
          () -> new IllegalArgumentException("regularization: no run called '" + name + "'"));
    }
  }

  private final TensorDataset train;
  private final TensorDataset validation;

  private RegularizationExperiment(TensorDataset train, TensorDataset validation) {
    this.train = train;
    this.validation = validation;
  }

  /** Breast cancer split 10% train, 40% validation (stratified), standardised with the training statistics. */
  static RegularizationExperiment onBreastCancer() {
    Split split = Split.stratified(Datasets.breastCancer(), TRAIN_FRACTION, VALIDATION_FRACTION, new Rng(SEED));
    Standardizer scaler = Standardizer.fit(split.train().features());
    return new RegularizationExperiment(scaler.transform(split.train()), scaler.transform(split.validation()));
  }

  Result run() {
    List<Run> runs = new ArrayList<>();
    runs.add(fit("plain", model(false), new CrossEntropyLoss(), null));
    Sequential l2 = model(false);
    runs.add(fit("L2", l2, penalised(l2, LAMBDA / train.size()), null));
    runs.add(fit("dropout", model(true), new CrossEntropyLoss(), null));
    EarlyStopping early = EarlyStopping.onValidationLoss(PATIENCE);
    runs.add(fit("early stopping", model(false), new CrossEntropyLoss(), early));
    Stop stop = new Stop(early.stoppedEpoch(), early.bestEpoch(), early.best());
    return new Result(train.size(), validation.size(), List.copyOf(runs), stop);
  }

  /**
   * 30 inputs, two hidden ReLU layers of {@link #HIDDEN} units and 2 outputs (the logits of malignant and
   * benign), with dropout layers when asked. The weights come from the same seed either way; the dropout masks
   * have a generator of their own.
   */
  static Sequential model(boolean dropout) {
    Rng weights = new Rng(SEED);
    Module first = new Linear(30, HIDDEN, weights);
    Module second = new Linear(HIDDEN, HIDDEN, weights);
    Module output = new Linear(HIDDEN, 2, weights);
    if (!dropout) {
      return new Sequential(first, new ReLU(), second, new ReLU(), output);
    }
    Rng masks = new Rng(SEED + 1);
    return new Sequential(new Dropout(1 - INPUT_KEEP_PROB, masks), first, new ReLU(),
        new Dropout(1 - HIDDEN_KEEP_PROB, masks), second, new ReLU(), new Dropout(1 - HIDDEN_KEEP_PROB, masks),
        output);
  }

  /** Cross-entropy plus {@code (lambdaOverM / 2) sum ||W||^2} over the weight matrices of {@code model}. */
  private static Loss penalised(Module model, double lambdaOverM) {
    List<Tensor> weights = model.namedParameters().entrySet().stream()
        .filter(e -> e.getKey().endsWith("weight")).map(Map.Entry::getValue).toList();
    CrossEntropyLoss crossEntropy = new CrossEntropyLoss();
    return (output, labels) -> crossEntropy.apply(output, labels).add(L2Penalty.of(lambdaOverM, weights));
  }

  /**
   * Trains {@code model} with full-batch Adam for {@link #EPOCHS} epochs, measuring it after each. The trainer
   * validates only for early stopping, which watches its {@code val_loss}.
   */
  private Run fit(String name, Module model, Loss loss, EarlyStopping early) {
    SplitCurves curves = new SplitCurves(train, validation);
    Callback[] callbacks = early == null ? new Callback[] {curves} : new Callback[] {curves, early};
    Trainer.builder(model, loss, new Adam(model.parameters(), LEARNING_RATE)).epochs(EPOCHS)
        .callbacks(callbacks).build()
        .fit(DataLoader.builder(train).batchSize(train.size()).build(),
            early == null ? null : DataLoader.builder(validation).batchSize(validation.size()).build());
    return new Run(name, curves.fits(), curves.measure(model));
  }
}
