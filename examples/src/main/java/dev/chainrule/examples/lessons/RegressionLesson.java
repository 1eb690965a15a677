package dev.chainrule.examples.lessons;

import static dev.chainrule.examples.lessons.RegressionExperiment.BATCH_SIZE;
import static dev.chainrule.examples.lessons.RegressionExperiment.EPOCHS;
import static dev.chainrule.examples.lessons.RegressionExperiment.HIDDEN;
import static dev.chainrule.examples.lessons.RegressionExperiment.HOUSES;

import dev.chainrule.examples.lessons.RegressionExperiment.Errors;
import dev.chainrule.examples.lessons.RegressionExperiment.Result;
import dev.chainrule.nn.train.History;
import dev.chainrule.nn.train.LineChart;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * Lesson 10: predicting a house's price, a number rather than a class. A network with a ReLU output (prices
 * cannot be negative) learns a non-linear price from four features and is compared with predicting the mean and
 * with linear regression. The numbers come from {@link RegressionExperiment}.
 */
public final class RegressionLesson implements Lesson {

  @Override
  public String name() {
    return "regression";
  }

  @Override
  public String title() {
    return "Regression: house prices";
  }

  @Override
  public String summary() {
    return "An MLP with a ReLU output predicts synthetic house prices and beats the mean and linear regression.";
  }

  /** The trained network's and the baselines' results on the test split. */
  Result compute() {
    return RegressionExperiment.run();
  }

  @Override
  public void run(LessonContext context) throws IOException {
    Result r = compute();
    PrintStream out = context.out();
    out.printf(Locale.ROOT, "%d synthetic houses: %s; price in thousands of euros.%n", HOUSES,
        String.join(", ", HousePrices.FEATURES));
    out.printf(Locale.ROOT, "Split %d train / %d validation / %d test; features standardised with the training"
        + " mean and standard deviation.%n", r.trainSize(), r.validationSize(), r.testSize());
    out.printf(Locale.ROOT, "Network 4 -> %d -> %d -> 1, ReLU after every layer including the output;"
        + " MSE loss, Adam, batches of %d, %d epochs.%n%n", HIDDEN, HIDDEN, BATCH_SIZE, EPOCHS);
    History h = r.history();
    out.printf(Locale.ROOT, "MSE (in (100k euros)^2): epoch 1 train %.4f, validation %.4f; epoch %d train %.4f,"
        + " validation %.4f%n%n", h.epochs().get(0).get("loss"), h.epochs().get(0).get("val_loss"), h.size(),
        h.last().get("loss"), h.last().get("val_loss"));
    out.printf(Locale.ROOT, "Test set (%d houses), errors in thousands of euros:%n", r.testSize());
    out.println("  predictor                   RMSE      MAE");
    row(out, "mean of training prices", r.mean());
    row(out, "linear regression", r.linearErrors());
    row(out, "network", r.networkErrors());
    out.printf(Locale.ROOT, "%nThe network's RMSE is %.0f%% of linear regression's and %.0f%% of the mean's.%n",
        100 * r.networkErrors().rmse() / r.linearErrors().rmse(), 100 * r.networkErrors().rmse() / r.mean().rmse());
    out.printf(Locale.ROOT, "Lowest predicted price: network %.1f, linear regression %.1f (actual prices %.1f to"
        + " %.1f).%n", min(r.network()), min(r.linear()), min(r.actual()), max(r.actual()));
    out.printf(Locale.ROOT, "Negative predicted prices: network %d, linear regression %d. The ReLU output cannot go"
        + " below zero.%n", negatives(r.network()), negatives(r.linear()));

    lossChart(h).writeSvg(context.file("loss.svg"));
    scatter(r).writeSvg(context.file("predicted-vs-actual.svg"));
  }

  private static void row(PrintStream out, String name, Errors errors) {
    out.printf(Locale.ROOT, "  %-24s %7.1f  %7.1f%n", name, errors.rmse(), errors.mae());
  }

  private static LineChart lossChart(History h) {
    double[] epochs = new double[h.size()];
    Arrays.setAll(epochs, i -> i + 1);
    return new LineChart("MSE per epoch, prices in 100k euros", "epoch", "MSE").logY()
        .series("train", epochs, h.values("loss"))
        .series("validation", epochs, h.values("val_loss"));
  }

  /** Predicted against actual test prices; points on the diagonal are exact. */
  private static LineChart scatter(Result r) {
    double low = Math.min(min(r.actual()), Math.min(min(r.network()), min(r.linear())));
    double high = Math.max(max(r.actual()), Math.max(max(r.network()), max(r.linear())));
    return new LineChart("Test houses, price in k euros", "actual price", "predicted")
        .series("exact", new double[] {low, high}, new double[] {low, high}, LineChart.Style.DASHED)
        .series("linear", r.actual(), r.linear(), LineChart.Style.MARKERS)
        .series("network", r.actual(), r.network(), LineChart.Style.MARKERS);
  }

  /** How many of {@code prices} are below zero. */
  static long negatives(double[] prices) {
    return Arrays.stream(prices).filter(p -> p < 0).count();
  }

  static double min(double[] values) {
    return Arrays.stream(values).min().orElseThrow();
  }

  static double max(double[] values) {
    return Arrays.stream(values).max().orElseThrow();
  }
}
