package dev.chainrule.examples.lessons;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.train.PlaneChart;
import dev.chainrule.optim.SGD;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Lesson 3: a network with one hidden layer of tanh units and a sigmoid output,
 * {@code A1 = tanh(W1 X + b1)}, {@code A2 = sigmoid(W2 A1 + b2)}, against logistic regression on data no
 * straight line separates (the {@link FlowerData flower}). Both are trained by the same full-batch gradient
 * descent; the lesson draws both decision boundaries and varies the number of hidden units.
 */
public final class ShallowNetworkLesson implements Lesson {
  static final long SEED = 3;
  static final int PER_CLASS = 200;
  static final int STEPS = 500;
  static final double LEARNING_RATE = 1.2;
  static final int HIDDEN = 4;
  static final int[] HIDDEN_SIZES = {1, 2, 4, 8, 20};
  private static final PlaneGrid GRID = new PlaneGrid(-4.5, 4.5, 80);

  /** A trained model's accuracy on its training points and on fresh ones, and its cost curve. */
  record Fit(int hidden, double trainAccuracy, double testAccuracy, double[] costs) {}

  /**
   * Everything the lesson claims.
   *
   * @param logistic logistic regression ({@code hidden} 0)
   * @param sizes the network for each of {@link #HIDDEN_SIZES}
   */
  record Result(FlowerData train, FlowerData test, Fit logistic, Fit[] sizes, double[][] logisticField,
      double[][] networkField) {

    /** The network with {@link #HIDDEN} units. */
    Fit network() {
      for (Fit fit : sizes) {
        if (fit.hidden() == HIDDEN) {
          return fit;
        }
      }
      throw new IllegalStateException("no network with " + HIDDEN + " hidden units");
    }
  }

  @Override
  public String name() {
    return "shallow-network";
  }

  @Override
  public String title() {
    return "A shallow network";
  }

  @Override
  public String summary() {
    return "One hidden tanh layer separates the flower data that logistic regression cannot; decision"
        + " boundaries of both.";
  }

  static Result compute() {
    Rng rng = new Rng(SEED);
    FlowerData train = FlowerData.generate(PER_CLASS, rng);
    FlowerData test = FlowerData.generate(PER_CLASS, rng);
    Module logistic = BinaryClassifier.logistic(rng.split());
    Fit logisticFit = fit(0, logistic, train, test);
    Fit[] sizes = new Fit[HIDDEN_SIZES.length];
    double[][] networkField = null;
    for (int i = 0; i < HIDDEN_SIZES.length; i++) {
      Module network = BinaryClassifier.shallow(HIDDEN_SIZES[i], rng.split());
      sizes[i] = fit(HIDDEN_SIZES[i], network, train, test);
      if (HIDDEN_SIZES[i] == HIDDEN) {
        networkField = BinaryClassifier.probabilities(network, GRID);
      }
    }
    return new Result(train, test, logisticFit, sizes, BinaryClassifier.probabilities(logistic, GRID),
        networkField);
  }

  private static Fit fit(int hidden, Module model, FlowerData train, FlowerData test) {
    double[] costs = BinaryClassifier.train(model, new SGD(model.parameters(), LEARNING_RATE), train, STEPS);
    return new Fit(hidden, BinaryClassifier.accuracy(model, train), BinaryClassifier.accuracy(model, test), costs);
  }

  @Override
  public void run(LessonContext context) throws IOException {
    Result r = compute();
    PrintStream out = context.out();
    out.printf(Locale.ROOT, "The flower: %d points along the eight petals of r = %.0f sin(%dt), the two classes on"
        + " every%nother petal (seeded noise), and %d fresh points from the same flower to test on.%n%n",
        r.train().size(), FlowerData.PETAL_LENGTH, FlowerData.PETALS_PER_HALF_TURN, r.test().size());
    out.println("Logistic regression:   a = sigmoid(w . x + b)                    3 parameters");
    out.printf(Locale.ROOT, "Shallow network:       a = sigmoid(W2 tanh(W1 x + b1) + b2)      %d hidden units,"
        + " %d parameters%n", HIDDEN, 4 * HIDDEN + 1);
    out.printf(Locale.ROOT, "Both: cross-entropy cost, full-batch gradient descent, learning rate %.1f, %d steps.%n%n",
        LEARNING_RATE, STEPS);
    out.println("                        cost before   cost after   train accuracy   test accuracy");
    print(out, "logistic regression", r.logistic());
    print(out, "shallow network (" + HIDDEN + ")", r.network());
    out.println();
    out.println("A straight line cuts the flower in two halves, each holding about as many petals of either");
    out.println("class: logistic regression stays near a coin toss however long it trains. Four tanh units");
    out.println("bend the boundary around the petals.");
    out.println();
    out.println("Hidden units and accuracy (same data, same steps):");
    for (Fit fit : r.sizes()) {
      out.printf(Locale.ROOT, "  %2d hidden units   train %5.1f%%   test %5.1f%%%n", fit.hidden(),
          100 * fit.trainAccuracy(), 100 * fit.testAccuracy());
    }
    out.println("One or two units are too few to wrap eight petals; from about four on the network fits the flower,");
    out.println("and more units add little for a shape this simple (and, given long enough, start fitting noise).");

    draw(r.logisticField(), "Logistic regression: P(class 1)", r.train())
        .writeSvg(context.file("logistic-regression-boundary.svg"));
    draw(r.networkField(), "Shallow network, " + HIDDEN + " tanh units: P(class 1)", r.train())
        .writeSvg(context.file("network-boundary.svg"));
  }

  private static void print(PrintStream out, String name, Fit fit) {
    out.printf(Locale.ROOT, "  %-21s %11.4f %12.4f %15.1f%% %14.1f%%%n", name, fit.costs()[0],
        fit.costs()[fit.costs().length - 1], 100 * fit.trainAccuracy(), 100 * fit.testAccuracy());
  }

  private static PlaneChart draw(double[][] field, String title, FlowerData data) {
    PlaneChart chart = new PlaneChart(title, "x1", "x2")
        .field(field, GRID.min(), GRID.max(), GRID.min(), GRID.max(), "P(class 1)")
        .palette(PlaneChart.Palette.DIVERGING).colorRange(0, 1);
    return data.draw(chart);
  }
}
