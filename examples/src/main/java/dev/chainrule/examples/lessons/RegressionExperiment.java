package dev.chainrule.examples.lessons;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.Split;
import dev.chainrule.nn.data.Standardizer;
import dev.chainrule.nn.data.TensorDataset;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.layers.ReLU;
import dev.chainrule.nn.layers.Sequential;
import dev.chainrule.nn.loss.MSELoss;
import dev.chainrule.nn.train.History;
import dev.chainrule.nn.train.Trainer;
import dev.chainrule.optim.Adam;

/**
 * The computation of the regression lesson: {@value #HOUSES} houses from {@link HousePrices}, split 70/15/15,
 * features standardised with the training statistics, prices in hundreds of thousands of euros. A network
 * {@code 4 -> 64 -> 64 -> 1} with ReLU everywhere, the output included, so that no predicted price can be
 * negative, is fitted to the mean squared error with Adam (mini-batches of {@value #BATCH_SIZE},
 * {@value #EPOCHS} epochs) and compared on the test split with two baselines: the mean training price, and
 * linear regression by {@link LeastSquares}.
 */
final class RegressionExperiment {
  static final int HOUSES = 1000;
  static final int HIDDEN = 64;
  static final int EPOCHS = 30;
  static final int BATCH_SIZE = 50;
  static final double LEARNING_RATE = 3e-3;
  /** Prices are learned in this unit (thousands of euros per target unit), and reported in thousands. */
  static final double PRICE_UNIT = 100;
  private static final long SEED = 2024;

  /** Test-split errors of one predictor, in thousands of euros. */
  record Errors(double rmse, double mae) {
    static Errors of(Tensor predicted, Tensor actual) {
      double[] p = predicted.toDoubleArray();
      double[] a = actual.toDoubleArray();
      double squares = 0;
      double absolutes = 0;
      for (int i = 0; i < p.length; i++) {
        double error = PRICE_UNIT * (p[i] - a[i]);
        squares += error * error;
        absolutes += Math.abs(error);
      }
      return new Errors(Math.sqrt(squares / p.length), absolutes / p.length);
    }
  }

  /**
   * What the lesson shows: the sizes of the splits, the training history, the test prices and the network's and
   * the linear model's predictions of them (in thousands of euros), and the errors of the three predictors.
   */
  record Result(int trainSize, int validationSize, int testSize, History history, double[] actual,
      double[] network, double[] linear, Errors mean, Errors linearErrors, Errors networkErrors) {}

  private RegressionExperiment() {}

  static Result run() {
    Rng rng = new Rng(SEED);
    TensorDataset houses = HousePrices.generate(HOUSES, rng);
    Split split = Split.of(houses.features(), houses.labels().div(PRICE_UNIT), 0.7, 0.15, rng);
    Standardizer scaler = Standardizer.fit(split.train().features());
    TensorDataset train = scaler.transform(split.train());
    TensorDataset validation = scaler.transform(split.validation());
    TensorDataset test = scaler.transform(split.test());

    Sequential model = new Sequential(new Linear(4, HIDDEN, rng), new ReLU(), new Linear(HIDDEN, HIDDEN, rng),
        new ReLU(), new Linear(HIDDEN, 1, rng), new ReLU());
    Trainer trainer = Trainer.builder(model, new MSELoss(), new Adam(model.parameters(), LEARNING_RATE))
        .epochs(EPOCHS).build();
    History history = trainer.fit(DataLoader.builder(train).batchSize(BATCH_SIZE).shuffle(SEED).build(),
        DataLoader.builder(validation).batchSize(validation.size()).build());

    Tensor network = trainer.predict(test.features());
    LeastSquares ols = LeastSquares.fit(train.features(), train.labels());
    Tensor linear = ols.predict(test.features());
    Tensor mean = Tensor.full(train.labels().mean().item(), test.size(), 1);
    return new Result(train.size(), validation.size(), test.size(), history, thousands(test.labels()),
        thousands(network), thousands(linear), Errors.of(mean, test.labels()), Errors.of(linear, test.labels()),
        Errors.of(network, test.labels()));
  }

  private static double[] thousands(Tensor prices) {
    double[] values = prices.toDoubleArray();
    for (int i = 0; i < values.length; i++) {
      values[i] *= PRICE_UNIT;
    }
    return values;
  }
}
