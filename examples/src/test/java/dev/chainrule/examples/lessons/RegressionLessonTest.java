package dev.chainrule.examples.lessons;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.examples.lessons.RegressionExperiment.Errors;
import dev.chainrule.examples.lessons.RegressionExperiment.Result;
import dev.chainrule.nn.data.TensorDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks the regression lesson's claims, its data generator and its linear-regression baseline. */
class RegressionLessonTest {
  private static Result result;

  @BeforeAll
  static void compute() {
    result = new RegressionLesson().compute();
  }

  @Test
  void theNetworkBeatsBothBaselinesOnTheTestSplit() {
    Errors network = result.networkErrors();
    for (Errors baseline : new Errors[] {result.mean(), result.linearErrors()}) {
      assertTrue(network.rmse() < baseline.rmse(), network + " vs " + baseline);
      assertTrue(network.mae() < baseline.mae(), network + " vs " + baseline);
    }
    assertTrue(result.linearErrors().rmse() < result.mean().rmse(), "linear regression beats the mean");
    assertTrue(network.rmse() < 0.6 * result.linearErrors().rmse(), "about half of linear regression's RMSE");
  }

  @Test
  void noPredictedPriceIsNegativeWhileTheLinearModelPredictsOne() {
    assertEquals(result.testSize(), result.network().length);
    assertEquals(0, RegressionLesson.negatives(result.network()));
    assertTrue(RegressionLesson.min(result.network()) >= 0);
    assertTrue(RegressionLesson.negatives(result.linear()) >= 1, "the linear model has no floor at zero");
  }

  @Test
  void trainingLowersBothLossesAndTheSplitsAreAsPrinted() {
    assertEquals(700, result.trainSize());
    assertEquals(150, result.validationSize());
    assertEquals(150, result.testSize());
    assertEquals(RegressionExperiment.EPOCHS, result.history().size());
    double[] train = result.history().values("loss");
    double[] validation = result.history().values("val_loss");
    assertTrue(train[train.length - 1] < train[0] / 10);
    assertTrue(validation[validation.length - 1] < validation[0] / 10);
  }

  @Test
  void housePricesArePositiveSeededAndInTheirDocumentedRanges() {
    TensorDataset houses = HousePrices.generate(20_000, new Rng(5));
    float[] f = houses.features().toFloatArray();
    float[] prices = houses.labels().toFloatArray();
    for (int i = 0; i < prices.length; i++) {
      assertTrue(prices[i] > 0, "price of house " + i);
      assertTrue(f[4 * i] > 30, "area");
      assertTrue(f[4 * i + 1] >= 1 && f[4 * i + 1] <= 8 && f[4 * i + 1] == Math.rint(f[4 * i + 1]), "rooms");
      assertTrue(f[4 * i + 2] >= 0 && f[4 * i + 2] < 80, "age");
      assertTrue(f[4 * i + 3] >= 0.5 && f[4 * i + 3] <= 40, "distance");
    }
    TensorDataset again = HousePrices.generate(20_000, new Rng(5));
    assertArrayEquals(prices, again.labels().toFloatArray());
    assertArrayEquals(f, again.features().toFloatArray());
  }

  @Test
  void thePriceIsNonLinear() {
    // doubling the area does not double the area term; the centre is worth more than the outskirts
    assertTrue(HousePrices.price(200, 3, 10, 5) < 2 * HousePrices.price(100, 3, 10, 5));
    assertTrue(HousePrices.price(100, 3, 10, 1) > 2 * HousePrices.price(100, 3, 10, 30) - 12 * 3);
    // age is a parabola: the price falls, then partly recovers
    assertTrue(HousePrices.price(100, 3, 45, 5) < HousePrices.price(100, 3, 0, 5));
    assertTrue(HousePrices.price(100, 3, 45, 5) < HousePrices.price(100, 3, 80, 5));
  }

  @Test
  void leastSquaresRecoversAnExactLinearFunction() {
    Rng rng = new Rng(3);
    int n = 50;
    double[] x = new double[n * 2];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = rng.nextGaussian();
      x[2 * i + 1] = rng.nextGaussian();
      y[i] = 3 + 2 * x[2 * i] - x[2 * i + 1];
    }
    Tensor features = Tensor.of(x, n, 2);
    LeastSquares fit = LeastSquares.fit(features, Tensor.of(y, n, 1));
    assertArrayEquals(y, fit.predict(features).toDoubleArray(), 1e-5);
    assertEquals(3 + 2 * 10 - (-4), fit.predict(Tensor.of(new double[] {10, -4}, 1, 2)).item(), 1e-4);
    Tensor dependent = Tensor.of(new double[] {1, 2, 2, 4, 3, 6}, 3, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LeastSquares.fit(dependent, Tensor.of(new double[] {1, 2, 3}, 3, 1)));
    assertTrue(e.getMessage().contains("linearly dependent"), e.getMessage());
  }

  @Test
  void errorsAreInThousandsOfEuros() {
    Errors errors = Errors.of(Tensor.of(new float[] {1, 2}, 2, 1), Tensor.of(new float[] {1.5f, 1}, 2, 1));
    assertEquals(RegressionExperiment.PRICE_UNIT * Math.sqrt((0.25 + 1) / 2), errors.rmse(), 1e-9);
    assertEquals(RegressionExperiment.PRICE_UNIT * 0.75, errors.mae(), 1e-9);
  }
}
