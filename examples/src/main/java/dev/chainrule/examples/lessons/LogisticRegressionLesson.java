package dev.chainrule.examples.lessons;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.data.Datasets;
import dev.chainrule.nn.data.Split;
import dev.chainrule.nn.data.Standardizer;
import dev.chainrule.nn.data.TensorDataset;
import dev.chainrule.nn.train.LineChart;
import dev.chainrule.optim.SGD;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Lesson 2: logistic regression is one neuron, {@code a = sigmoid(w . x + b)}, trained on the cross-entropy
 * cost by gradient descent. On the breast-cancer data it shows that backward finds {@code dL/dz = a - y} by
 * itself, that the course's loop over samples and the vectorized matrix formulas give the same gradient (and
 * how their speed compares), and then trains the neuron and measures it on held-out tumours.
 */
public final class LogisticRegressionLesson implements Lesson {
  static final long SEED = 2;
  static final int SHOWN_SAMPLES = 5;
  static final int ITERATIONS = 200;
  static final double LEARNING_RATE = 0.5;
  private static final int TIMING_REPEATS = 101;
  private static final long WARM_UP_SLICE_NANOS = 100_000_000L;
  private static final int STEADY_SLICES = 4;
  private static final long MAX_WARM_UP_NANOS = 4_000_000_000L;

  /** Everything the lesson claims, in numbers. */
  record Result(int trainSize, int testSize, int features, double[] shownLabels, double[] backwardDz, double[] handDz,
      NeuronGradients.Gradient loop, NeuronGradients.Gradient vectorized, NeuronGradients.Gradient autodiff,
      double loopMicros, double vectorizedMicros, double[] trainCost, double[] testCost, double trainAccuracy,
      double testAccuracy) {

    /** The largest difference between any two of the three gradients, over every entry. */
    double maxGradientDifference() {
      double worst = 0;
      for (NeuronGradients.Gradient[] pair : List.of(new NeuronGradients.Gradient[] {loop, vectorized},
          new NeuronGradients.Gradient[] {loop, autodiff}, new NeuronGradients.Gradient[] {vectorized, autodiff})) {
        worst = Math.max(worst, Math.abs(pair[0].db() - pair[1].db()));
        for (int j = 0; j < pair[0].dw().length; j++) {
          worst = Math.max(worst, Math.abs(pair[0].dw()[j] - pair[1].dw()[j]));
        }
      }
      return worst;
    }
  }

  @Override
  public String name() {
    return "logistic-regression";
  }

  @Override
  public String title() {
    return "Logistic regression as a neuron";
  }

  @Override
  public String summary() {
    return "One sigmoid neuron on the breast-cancer data: dz = a - y, a loop against vectorized gradients,"
        + " gradient descent.";
  }

  /** The lesson's computation: data, the three gradients, their timings, and training. */
  static Result compute() {
    Rng rng = new Rng(SEED);
    Split split = Split.stratified(Datasets.breastCancer(), 0.8, 0, rng);
    Standardizer scaler = Standardizer.fit(split.train().features());
    Data train = Data.of(scaler.transform(split.train()));
    Data test = Data.of(scaler.transform(split.test()));
    int n = train.x.shape().dim(1);
    Tensor w = Tensor.randn(rng, n, 1).to(DType.FLOAT64).mul(0.1);
    Tensor b = Tensor.scalar(DType.FLOAT64, 0);

    double[][] rows = train.rows();
    double[] labels = train.y.toDoubleArray();
    double[] weights = w.toDoubleArray();
    NeuronGradients.Gradient loop = NeuronGradients.loop(rows, labels, weights, 0);
    NeuronGradients.Gradient vectorized = NeuronGradients.vectorized(train.x, train.y, w, b);
    NeuronGradients.Gradient autodiff = NeuronGradients.autodiff(train.x, train.y, w, b);
    double loopMicros = medianMicros(() -> NeuronGradients.loop(rows, labels, weights, 0));
    double vectorizedMicros = medianMicros(() -> NeuronGradients.vectorized(train.x, train.y, w, b));

    double[][] dz = backwardDz(train, w, b);

    Tensor wTrained = w.detach().requiresGrad();
    Tensor bTrained = b.detach().requiresGrad();
    SGD descent = new SGD(List.of(wTrained, bTrained), LEARNING_RATE);
    double[] trainCost = new double[ITERATIONS + 1];
    double[] testCost = new double[ITERATIONS + 1];
    for (int t = 0; t <= ITERATIONS; t++) {
      descent.zeroGrad();
      Tensor cost = NeuronGradients.cost(train.x, train.y, wTrained, bTrained);
      trainCost[t] = cost.item();
      try (var off = GradMode.off()) {
        testCost[t] = NeuronGradients.cost(test.x, test.y, wTrained, bTrained).item();
      }
      if (t < ITERATIONS) {
        cost.backward();
        descent.step();
      }
    }
    return new Result(train.y.size(), test.y.size(), n, dz[2], dz[0], dz[1], loop, vectorized, autodiff, loopMicros,
        vectorizedMicros, trainCost, testCost, train.accuracy(wTrained, bTrained),
        test.accuracy(wTrained, bTrained));
  }

  /**
   * For the first few samples, {@code dL/dz_i} from backward through the summed loss
   * {@code L = sum_i L_i} (so that {@code dL/dz_i = dL_i/dz_i}), {@code a_i - y_i} computed by hand, and
   * {@code y_i}.
   */
  private static double[][] backwardDz(Data train, Tensor w, Tensor b) {
    Tensor x = train.x.narrow(0, 0, SHOWN_SAMPLES);
    Tensor y = train.y.narrow(0, 0, SHOWN_SAMPLES);
    Tensor z = x.matmul(w.detach().requiresGrad()).add(b).retainGrad();
    Tensor a = z.sigmoid();
    y.mul(a.log()).add(y.rsub(1).mul(a.rsub(1).log())).sum().neg().backward();
    return new double[][] {z.grad().toDoubleArray(), a.sub(y).toDoubleArray(), y.toDoubleArray()};
  }

  /** The median time of one call, in microseconds, once the JIT has compiled it ({@link #warmUp}). */
  private static double medianMicros(Runnable call) {
    long[] nanos = new long[TIMING_REPEATS];
    warmUp(call);
    for (int i = 0; i < TIMING_REPEATS; i++) {
      long start = System.nanoTime();
      call.run();
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return nanos[TIMING_REPEATS / 2] / 1e3;
  }

  /**
   * Calls {@code call} in slices of {@link #WARM_UP_SLICE_NANOS} until {@link #STEADY_SLICES} slices in a row
   * manage no more than 10% more calls than the best slice so far, or {@link #MAX_WARM_UP_NANOS} pass. The loop
   * is one method and is compiled after a few calls; the vectorized version runs through dozens of methods
   * (ops, graph checks, Vector API kernels), and the Vector API is very slow until compiled, so it needs a
   * second or so of calls before its time settles. Timing it earlier would measure the interpreter.
   */
  private static void warmUp(Runnable call) {
    long deadline = System.nanoTime() + MAX_WARM_UP_NANOS;
    long best = 0;
    int steady = 0;
    while (steady < STEADY_SLICES && System.nanoTime() < deadline) {
      long calls = 0;
      for (long end = System.nanoTime() + WARM_UP_SLICE_NANOS; System.nanoTime() < end; calls++) {
        call.run();
      }
      if (calls > best * 1.1) {
        best = calls;
        steady = 0;
      } else {
        steady++;
      }
    }
  }

  /** Standardised features {@code (m, n)} and labels {@code (m, 1)}, both FLOAT64. */
  private record Data(Tensor x, Tensor y) {
    static Data of(TensorDataset set) {
      int m = set.size();
      return new Data(set.features().to(DType.FLOAT64), set.labels().to(DType.FLOAT64).reshape(m, 1));
    }

    double[][] rows() {
      int m = x.shape().dim(0);
      int n = x.shape().dim(1);
      double[] flat = x.toDoubleArray();
      double[][] rows = new double[m][];
      for (int i = 0; i < m; i++) {
        rows[i] = Arrays.copyOfRange(flat, i * n, (i + 1) * n);
      }
      return rows;
    }

    /** The fraction of samples where {@code a >= 1/2} agrees with the label. */
    double accuracy(Tensor w, Tensor b) {
      try (var off = GradMode.off()) {
        return x.matmul(w).add(b).sigmoid().ge(0.5).eq(y).mean().item();
      }
    }
  }

  @Override
  public void run(LessonContext context) throws IOException {
    Result r = compute();
    PrintStream out = context.out();
    out.printf(Locale.ROOT, "Breast-cancer data: %d tumours to train on, %d held out, %d features each,"
        + " standardised%nwith the training split's mean and deviation. Label 1 = benign, 0 = malignant.%n%n",
        r.trainSize(), r.testSize(), r.features());
    out.println("The neuron:  z = w . x + b,   a = sigmoid(z) = 1 / (1 + e^-z),");
    out.println("             L = -(y ln a + (1 - y) ln(1 - a)),   J = (1/m) sum of L over the samples.");
    out.println();
    out.println("1. dL/dz = a - y. Backward through sigmoid and the two logarithms, for the first samples:");
    out.println("     sample   y   dL/dz (backward)   a - y (by hand)");
    for (int i = 0; i < r.backwardDz().length; i++) {
      out.printf(Locale.ROOT, "     %6d   %.0f   %16.12f   %15.12f%n", i, r.shownLabels()[i], r.backwardDz()[i],
          r.handDz()[i]);
    }
    out.println("   The chain rule multiplies -y/a + (1-y)/(1-a) by a(1-a); nobody told backward it simplifies.");
    out.println();
    out.println("2. The same gradient dJ/dw, dJ/db three ways, at small random weights:");
    out.printf(Locale.ROOT, "     loop over samples (plain Java)     dJ/dw[0..2] = %s   dJ/db = %.9f%n",
        first3(r.loop().dw()), r.loop().db());
    out.printf(Locale.ROOT, "     vectorized (X^T (A - Y) / m)       dJ/dw[0..2] = %s   dJ/db = %.9f%n",
        first3(r.vectorized().dw()), r.vectorized().db());
    out.printf(Locale.ROOT, "     backward() through the cost        dJ/dw[0..2] = %s   dJ/db = %.9f%n",
        first3(r.autodiff().dw()), r.autodiff().db());
    out.printf(Locale.ROOT, "   Largest difference over all %d entries: %.1e (float64 rounding).%n",
        r.features() + 1, r.maxGradientDifference());
    out.println();
    out.printf(Locale.ROOT, "   Time for one gradient (median of %d runs, once the JIT has compiled it):%n", TIMING_REPEATS);
    out.printf(Locale.ROOT, "     loop %.1f us, vectorized %.1f us: the vectorized one is %s.%n", r.loopMicros(),
        r.vectorizedMicros(), speed(r.loopMicros(), r.vectorizedMicros()));
    out.println("   In Python the loop is interpreted and vectorizing wins by orders of magnitude. Java compiles");
    out.println("   the loop to machine code, so at this size (a few hundred samples by 30 features) the loop is");
    out.println("   not slow, and each tensor operation pays a fixed cost (a new array, a kernel call) that a");
    out.println("   loop does not. The matrix form is still the one to write: it is shorter, it is what backward");
    out.println("   differentiates, and its products run on SIMD kernels and every core as the data grows.");
    out.println();
    out.printf(Locale.ROOT, "3. Gradient descent, w -= %.1f dJ/dw and b -= %.1f dJ/db, %d iterations:%n",
        LEARNING_RATE, LEARNING_RATE, ITERATIONS);
    for (int t : new int[] {0, 10, 50, ITERATIONS}) {
      out.printf(Locale.ROOT, "     iteration %3d   training cost %.4f   test cost %.4f%n", t, r.trainCost()[t],
          r.testCost()[t]);
    }
    out.printf(Locale.ROOT, "   Accuracy: %.1f%% on the training tumours, %.1f%% on the %d held out.%n",
        100 * r.trainAccuracy(), 100 * r.testAccuracy(), r.testSize());
    out.println("   One neuron, 31 parameters, and a straight cut through 30-dimensional space is enough here.");

    double[] iterations = new double[ITERATIONS + 1];
    Arrays.setAll(iterations, t -> t);
    new LineChart("Logistic regression: cross-entropy cost", "iteration", "cost J")
        .series("training", iterations, r.trainCost())
        .series("test", iterations, r.testCost(), LineChart.Style.DASHED)
        .writeSvg(context.file("loss.svg"));
  }

  private static String first3(double[] v) {
    return String.format(Locale.ROOT, "[%.9f, %.9f, %.9f]", v[0], v[1], v[2]);
  }

  /** "3.2 times faster" or "1.5 times slower", comparing the vectorized time with the loop's. */
  static String speed(double loopMicros, double vectorizedMicros) {
    return loopMicros >= vectorizedMicros
        ? String.format(Locale.ROOT, "%.1f times faster", loopMicros / vectorizedMicros)
        : String.format(Locale.ROOT, "%.1f times slower", vectorizedMicros / loopMicros);
  }
}
