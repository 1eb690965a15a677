package dev.chainrule.examples.lessons;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.Standardizer;
import dev.chainrule.nn.data.TensorDataset;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.layers.ReLU;
import dev.chainrule.nn.layers.Sequential;
import dev.chainrule.nn.loss.MSELoss;
import dev.chainrule.nn.train.Callback;
import dev.chainrule.nn.train.EpochResult;
import dev.chainrule.nn.train.Trainer;
import dev.chainrule.nn.train.TrainingState;
import dev.chainrule.optim.SGD;
import java.util.ArrayList;
import java.util.List;

/**
 * The computation of the learning-rate lesson: one network, one seed, one data set, trained by full-batch
 * gradient descent {@code theta := theta - alpha * dJ/dtheta} with four learning rates {@code alpha}. Each epoch
 * is one step, so the loss recorded for epoch {@code e} is {@code J} after {@code e - 1} steps.
 *
 * <p>A rate so large that the loss overflows makes the {@link Trainer} stop with an error naming the epoch; the
 * run keeps the losses of the epochs before it and the epoch where it diverged.
 */
final class LearningRateExperiment {
  static final int EPOCHS = 100;
  static final int HOUSES = 500;
  static final int HIDDEN = 32;
  static final double TOO_SMALL = 0.001;
  static final double GOOD = 0.2;
  static final double LARGE = 0.3;
  static final double TOO_LARGE = 0.5;
  private static final long SEED = 11;

  /**
   * One run: its learning rate, the loss of every finished epoch, and, if the loss became infinite or NaN, the
   * epoch where that happened (else 0) with the trainer's message.
   */
  record Run(double learningRate, double[] losses, int divergedAt, String error) {
    boolean diverged() {
      return divergedAt > 0;
    }

    /** The last loss, or infinity when the run diverged. */
    double finalLoss() {
      return diverged() ? Double.POSITIVE_INFINITY : losses[losses.length - 1];
    }
  }

  private final TensorDataset houses;

  private LearningRateExperiment(TensorDataset houses) {
    this.houses = houses;
  }

  /**
   * {@value #HOUSES} houses from {@link HousePrices}: features standardised, prices in hundreds of thousands of
   * euros so the targets are of order 1.
   */
  static LearningRateExperiment onHousePrices() {
    TensorDataset raw = HousePrices.generate(HOUSES, new Rng(SEED));
    return new LearningRateExperiment(new TensorDataset(
        Standardizer.fit(raw.features()).transform(raw.features()), raw.labels().div(100)));
  }

  /** Runs with {@link #TOO_SMALL}, {@link #GOOD}, {@link #LARGE} and {@link #TOO_LARGE}, in that order. */
  List<Run> run() {
    return List.of(fit(TOO_SMALL), fit(GOOD), fit(LARGE), fit(TOO_LARGE));
  }

  /** 4 inputs, one hidden ReLU layer of {@value #HIDDEN} units, one linear output; the same weights every call. */
  static Sequential model() {
    Rng weights = new Rng(SEED);
    return new Sequential(new Linear(4, HIDDEN, weights), new ReLU(), new Linear(HIDDEN, 1, weights));
  }

  /** Mean squared error of the model with {@code learningRate}, {@value #EPOCHS} full-batch steps. */
  Run fit(double learningRate) {
    Sequential model = model();
    LossRecorder recorder = new LossRecorder();
    try {
      Trainer.builder(model, new MSELoss(), new SGD(model.parameters(), learningRate)).epochs(EPOCHS)
          .callbacks(recorder).build()
          .fit(DataLoader.builder(houses).batchSize(houses.size()).build(), null);
    } catch (IllegalStateException e) {
      // the trainer refuses a NaN or infinite loss; the epochs before it are what this run has to show
      return new Run(learningRate, recorder.losses(), recorder.losses.size() + 1, e.getMessage());
    }
    return new Run(learningRate, recorder.losses(), 0, null);
  }

  /** The training loss of every finished epoch. */
  private static final class LossRecorder implements Callback {
    private final List<Double> losses = new ArrayList<>();

    @Override
    public void onEpochEnd(TrainingState state, EpochResult result) {
      losses.add(result.get("loss"));
    }

    double[] losses() {
      return losses.stream().mapToDouble(Double::doubleValue).toArray();
    }
  }
}
