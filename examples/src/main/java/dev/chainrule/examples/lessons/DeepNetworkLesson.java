package dev.chainrule.examples.lessons;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.io.AtomicFile;
import dev.chainrule.examples.lessons.ShapeWalk.LayerShapes;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.TensorDataset;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.layers.ReLU;
import dev.chainrule.nn.layers.Sequential;
import dev.chainrule.nn.loss.CrossEntropyLoss;
import dev.chainrule.nn.train.Accuracy;
import dev.chainrule.nn.train.History;
import dev.chainrule.nn.train.LineChart;
import dev.chainrule.nn.train.Trainer;
import dev.chainrule.optim.Adam;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Lesson 4: an L-layer network {@code 64 -> 32 -> 16 -> 10} (ReLU hidden layers, softmax output) on the bundled
 * digits. It prints the shape of every {@code W[l]}, {@code b[l]}, {@code Z[l]}, {@code A[l]} and of their
 * gradients for one mini-batch, shows that the course's backward formulas give autodiff's gradients, then trains
 * the network with Adam and reports its test accuracy.
 */
public final class DeepNetworkLesson implements Lesson {
  static final int[] SIZES = {64, 32, 16, 10};
  static final int BATCH = 25;
  static final int EPOCHS = 15;
  private static final double LEARNING_RATE = 3e-3;
  private static final int TRAIN_BATCH = 32;
  private static final int SHOWN = 10;
  private static final long SEED = 4;

  /**
   * What the lesson shows: the shapes of one mini-batch's pass, the largest difference between the course's
   * formulas and autodiff, the training history and the accuracy on the held-out test split.
   */
  record Result(int[] sizes, int batch, List<LayerShapes> shapes, double formulaGap, History history,
      double testAccuracy, int testSize, List<DigitGallery.Digit> misclassified) {}

  @Override
  public String name() {
    return "deep-network";
  }

  @Override
  public String title() {
    return "A deep L-layer network";
  }

  @Override
  public String summary() {
    return "The shapes of W, b, Z, A and their gradients layer by layer, then a 64-32-16-10 ReLU network trained"
        + " on the digits.";
  }

  /** Builds, inspects and trains the network with layer sizes {@code sizes} (input first, 10 classes last). */
  static Result compute(int[] sizes, int epochs) {
    checkArgument(sizes.length >= 2 && sizes[0] == 64 && sizes[sizes.length - 1] == 10,
        "deep-network: layer sizes %s must start with the 64 pixels and end with the 10 classes",
        Arrays.toString(sizes));
    StandardizedDigits digits = StandardizedDigits.load(SEED);
    Rng rng = new Rng(SEED);
    List<Linear> linears = new ArrayList<>();
    List<Module> modules = new ArrayList<>();
    for (int l = 1; l < sizes.length; l++) {
      Linear linear = new Linear(sizes[l - 1], sizes[l], rng);
      linears.add(linear);
      modules.add(linear);
      if (l < sizes.length - 1) {
        modules.add(new ReLU());
      }
    }
    Sequential model = new Sequential(modules.toArray(Module[]::new));

    TensorDataset train = digits.train();
    int[] first = new int[BATCH];
    Arrays.setAll(first, i -> i);
    Batch batch = train.get(first);
    ShapeWalk walk = ShapeWalk.run(linears, batch.features(), batch.labels());

    Trainer trainer = Trainer.builder(model, new CrossEntropyLoss(), new Adam(model.parameters(), LEARNING_RATE))
        .epochs(epochs)
        .metrics(Accuracy.multiclass())
        .build();
    History history = trainer.fit(DataLoader.builder(train).batchSize(TRAIN_BATCH).shuffle(SEED).build(),
        DataLoader.builder(digits.validation()).batchSize(512).build());
    double test = trainer.evaluate(DataLoader.builder(digits.test()).batchSize(512).build()).metric("accuracy");
    return new Result(sizes.clone(), BATCH, walk.layers(), walk.formulaGap(), history, test,
        digits.test().size(), misclassified(trainer, digits));
  }

  /** The test digits whose largest output is not at their label, with the raw images to draw them. */
  private static List<DigitGallery.Digit> misclassified(Trainer trainer, StandardizedDigits digits) {
    double[] predicted = trainer.predict(digits.test().features()).argmax(1).toDoubleArray();
    double[] truth = digits.test().labels().toDoubleArray();
    double[] images = digits.rawTestImages().toDoubleArray();
    int pixels = digits.rawTestImages().shape().dim(1);
    List<DigitGallery.Digit> wrong = new ArrayList<>();
    for (int i = 0; i < truth.length; i++) {
      if (predicted[i] != truth[i]) {
        wrong.add(new DigitGallery.Digit(Arrays.copyOfRange(images, i * pixels, (i + 1) * pixels), (int) truth[i],
            (int) predicted[i]));
      }
    }
    return wrong;
  }

  @Override
  public void run(LessonContext context) throws IOException {
    PrintStream out = context.out();
    Result r = compute(SIZES, EPOCHS);
    out.printf(Locale.ROOT, "Network %s: L = %d layers, ReLU in the hidden layers, softmax at the output.%n",
        sizes(r.sizes()), r.sizes().length - 1);
    out.printf(Locale.ROOT, "One mini-batch of m = %d digits, X is (m, n[0]) = (%d, %d): samples in rows.%n%n",
        r.batch(), r.batch(), r.sizes()[0]);
    out.println("Forward  Z[l] = A[l-1] W[l]^T + b[l],  A[l] = g(Z[l])   (the course's Z = W A + b, transposed)");
    out.printf(Locale.ROOT, "%-3s %-5s %-10s %-6s %-10s %-10s | %-10s %-9s %s%n", "l", "n[l]", "W[l]", "b[l]",
        "Z[l]", "A[l]", "course: W", "b", "Z, A");
    for (LayerShapes s : r.shapes()) {
      out.printf(Locale.ROOT, "%-3d %-5d %-10s %-6s %-10s %-10s | %-10s %-9s %s%n", s.layer(), s.units(), s.w(),
          s.b(), s.z(), s.a(), s.w(), "(" + s.units() + ", 1)", "(" + s.units() + ", " + r.batch() + ")");
    }
    out.println();
    out.println("Backward: every gradient has the shape of what it is the gradient of");
    out.printf(Locale.ROOT, "%-3s %-10s %-6s %-10s %-10s %s%n", "l", "dW[l]", "db[l]", "dZ[l]", "dA[l]",
        "same as W, b, Z, A?");
    for (LayerShapes s : r.shapes()) {
      boolean same = s.dw().equals(s.w()) && s.db().equals(s.b()) && s.dz().equals(s.z()) && s.da().equals(s.a());
      out.printf(Locale.ROOT, "%-3d %-10s %-6s %-10s %-10s %s%n", s.layer(), s.dw(), s.db(), s.dz(), s.da(),
          same ? "yes" : "NO");
    }
    out.println();
    out.println("The course's backward formulas in rows: dZ[L] = (A[L] - Y) / m, dW[l] = dZ[l]^T A[l-1],");
    out.println("db[l] = sum over the batch of dZ[l], dA[l-1] = dZ[l] W[l], dZ[l] = dA[l] * g'(Z[l]).");
    out.printf(Locale.ROOT, "Largest difference from autodiff's gradients: %.1e (float32 rounding).%n%n",
        r.formulaGap());

    History h = r.history();
    out.printf(Locale.ROOT, "Training with Adam (learning rate %.3f, batches of %d) for %d epochs:%n", LEARNING_RATE,
        TRAIN_BATCH, h.size());
    for (int e : new int[] {1, 2, 5, 10, h.size()}) {
      out.printf(Locale.ROOT, "  epoch %2d  loss %.4f  accuracy %.3f   validation loss %.4f  accuracy %.3f%n", e,
          h.values("loss")[e - 1], h.values("accuracy")[e - 1], h.values("val_loss")[e - 1],
          h.values("val_accuracy")[e - 1]);
    }
    out.printf(Locale.ROOT, "Test accuracy: %.1f%% of %d held-out digits: %d wrong (misclassified.svg shows up to"
        + " %d).%n%n", 100 * r.testAccuracy(), r.testSize(), r.misclassified().size(), SHOWN);
    out.println("Notice: W[l] has the course's shape (n[l], n[l-1]); Z[l] and A[l] are the course's matrices");
    out.println("transposed, because a batch is stored one sample per row; b[l] is a vector (n[l]) added to every");
    out.println("row where the course adds a column (n[l], 1) to every column. Depth changes nothing: the same two");
    out.println("lines run L times forward, and backward runs them in reverse.");
    plot(context, h);
    List<DigitGallery.Digit> shown = r.misclassified().subList(0, Math.min(SHOWN, r.misclassified().size()));
    if (!shown.isEmpty()) {
      AtomicFile.writeString(context.file("misclassified.svg"), DigitGallery.svg("Test digits the network gets wrong",
          shown));
    }
  }

  private static void plot(LessonContext context, History h) throws IOException {
    double[] epochs = new double[h.size()];
    Arrays.setAll(epochs, i -> i + 1);
    new LineChart("Cross-entropy loss, " + sizes(SIZES) + " ReLU network", "epoch", "loss")
        .series("train", epochs, h.values("loss"))
        .series("validation", epochs, h.values("val_loss"), LineChart.Style.DASHED)
        .writeSvg(context.file("loss.svg"));
    new LineChart("Accuracy on the digits", "epoch", "accuracy")
        .series("train", epochs, h.values("accuracy"))
        .series("validation", epochs, h.values("val_accuracy"), LineChart.Style.DASHED)
        .writeSvg(context.file("accuracy.svg"));
  }

  private static String sizes(int[] sizes) {
    return String.join("-", Arrays.stream(sizes).mapToObj(Integer::toString).toList());
  }
}
