package dev.chainrule.examples.lessons;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.dump.BackwardTrace;
import dev.chainrule.autodiff.dump.GraphDump;
import dev.chainrule.autodiff.io.AtomicFile;
import dev.chainrule.autodiff.ops.conv.Conv;
import dev.chainrule.autodiff.ops.conv.ConvOptions;
import dev.chainrule.autodiff.ops.pool.Pool;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.layers.Flatten;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.layers.ReLU;
import dev.chainrule.nn.layers.Sequential;
import dev.chainrule.nn.layers.Unflatten;
import dev.chainrule.nn.layers.conv.Conv2d;
import dev.chainrule.nn.layers.pool.MaxPool2d;
import dev.chainrule.nn.loss.CrossEntropyLoss;
import dev.chainrule.nn.train.Accuracy;
import dev.chainrule.nn.train.Trainer;
import dev.chainrule.optim.Adam;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Lesson 13: what a convolution computes (three 3x3 filters slid over a digit, one output checked by hand), why
 * sharing one filter across the image cuts the parameters (against a dense layer with as many outputs), what a
 * 2x2 max pool keeps, the convolution's gradients in the narrated backward pass, and a small CNN trained on the
 * digits against lesson 4's fully connected network on the same split.
 */
public final class CnnLesson implements Lesson {
  /** The filters: a vertical-edge (Sobel) filter, the horizontal one (its transpose) and a 3x3 mean (a blur). */
  static final double[][] FILTERS = {
      {1, 0, -1, 2, 0, -2, 1, 0, -1},
      {1, 2, 1, 0, 0, 0, -1, -2, -1},
      {1 / 9.0, 1 / 9.0, 1 / 9.0, 1 / 9.0, 1 / 9.0, 1 / 9.0, 1 / 9.0, 1 / 9.0, 1 / 9.0}};
  static final String[] FILTER_NAMES = {"vertical edges", "horizontal edges", "blur"};
  static final int SIDE = 8;
  /** The output checked by hand: row and column of the first feature map. */
  static final int ROW = 2;
  static final int COLUMN = 3;
  private static final long SEED = 4;
  private static final int EPOCHS = DeepNetworkLesson.EPOCHS;
  private static final double LEARNING_RATE = 3e-3;

  /** What the lesson shows. */
  record Result(int label, double[] image, double[][] maps, double[] window, double handValue, double convValue,
      double[] pooled, long convParameters, long denseParameters, List<String> narration, GraphDump graph,
      long cnnParameters, double cnnAccuracy, long mlpParameters, double mlpAccuracy, int testSize) {}

  @Override
  public String name() {
    return "cnn";
  }

  @Override
  public String title() {
    return "Convolutional networks";
  }

  @Override
  public String summary() {
    return "A 3x3 filter slid over a digit, weight sharing, max pooling, the convolution's gradients, and a small"
        + " CNN against the fully connected network of lesson 4.";
  }

  /** The lesson's small CNN for the 8x8 digits: 8 filters of 3x3 (padding 1), ReLU, a 2x2 max pool, 10 outputs. */
  static Sequential network(Rng rng) {
    return new Sequential(new Unflatten(1, 1, SIDE, SIDE), new Conv2d(1, 8, 3, ConvOptions.defaults().padding(1),
        rng), new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(8 * (SIDE / 2) * (SIDE / 2), 10, rng));
  }

  static Result compute() {
    StandardizedDigits digits = StandardizedDigits.load(SEED);
    double[] image = Arrays.copyOf(digits.rawTestImages().toDoubleArray(), SIDE * SIDE);
    int label = (int) digits.test().labels().toDoubleArray()[0];
    Tensor x = Tensor.of(image, 1, 1, SIDE, SIDE);
    Tensor w = Tensor.of(Arrays.stream(FILTERS).flatMapToDouble(Arrays::stream).toArray(), FILTERS.length, 1, 3, 3);
    Tensor maps = Conv.conv2d(x, w, ConvOptions.defaults().padding(1));
    double[][] mapValues = new double[FILTERS.length][];
    double[] all = maps.toDoubleArray();
    for (int f = 0; f < FILTERS.length; f++) {
      mapValues[f] = Arrays.copyOfRange(all, f * SIDE * SIDE, (f + 1) * SIDE * SIDE);
    }
    double[] window = new double[9];
    double hand = 0;
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        int r = ROW - 1 + i;
        int c = COLUMN - 1 + j;
        window[i * 3 + j] = r >= 0 && r < SIDE && c >= 0 && c < SIDE ? image[r * SIDE + c] : 0; // padding
        hand += FILTERS[0][i * 3 + j] * window[i * 3 + j];
      }
    }
    double[] pooled = Arrays.copyOf(Pool.maxPool2d(maps, 2).toDoubleArray(), (SIDE / 2) * (SIDE / 2));

    Rng rng = new Rng(SEED);
    long conv = count(new Conv2d(1, 16, 3, ConvOptions.defaults().padding(1), rng));
    long dense = count(new Linear(SIDE * SIDE, 16 * SIDE * SIDE, rng));

    Tensor input = Tensor.of(image, 1, 1, SIDE, SIDE).requiresGrad().named("X");
    Tensor filter = Tensor.of(FILTERS[0], 1, 1, 3, 3).requiresGrad().named("W");
    Tensor loss = Conv.conv2d(input, filter, ConvOptions.defaults().padding(1)).named("Y").pow(2).mean()
        .named("L");
    GraphDump graph = GraphDump.of(loss); // made before backward frees the graph; drawn with the gradients
    List<String> narration = BackwardTrace.record(loss::backward).lines();

    Sequential cnn = network(new Rng(SEED));
    Trainer trainer = Trainer.builder(cnn, new CrossEntropyLoss(), new Adam(cnn.parameters(), LEARNING_RATE))
        .epochs(EPOCHS).metrics(Accuracy.multiclass()).build();
    trainer.fit(DataLoader.builder(digits.train()).batchSize(32).shuffle(SEED).build(),
        DataLoader.builder(digits.validation()).batchSize(512).build());
    double cnnAccuracy = trainer.evaluate(DataLoader.builder(digits.test()).batchSize(512).build())
        .metric("accuracy");
    DeepNetworkLesson.Result mlp = DeepNetworkLesson.compute(DeepNetworkLesson.SIZES, EPOCHS);
    return new Result(label, image, mapValues, window, hand, all[ROW * SIDE + COLUMN], pooled, conv, dense,
        narration, graph, count(cnn), cnnAccuracy, mlpParameters(DeepNetworkLesson.SIZES), mlp.testAccuracy(),
        digits.test().size());
  }

  private static long count(Module module) {
    return module.parameters().stream().mapToLong(Tensor::size).sum();
  }

  private static long mlpParameters(int[] sizes) {
    long count = 0;
    for (int l = 1; l < sizes.length; l++) {
      count += (long) sizes[l - 1] * sizes[l] + sizes[l];
    }
    return count;
  }

  @Override
  public void run(LessonContext context) throws IOException {
    PrintStream out = context.out();
    Result r = compute();
    out.printf(Locale.ROOT, "A convolution slides one small filter over the image: each output is the sum of the"
        + " filter times the%npixels under it. The first test digit (a %d), 8x8 grey levels 0 to 16, padded with"
        + " a ring of zeros%nso that the maps stay 8x8, through three 3x3 filters:%n", r.label());
    for (int f = 0; f < FILTERS.length; f++) {
      out.printf(Locale.ROOT, "  %-17s %s%n", FILTER_NAMES[f], matrix(FILTERS[f], 3));
    }
    out.printf(Locale.ROOT, "%nBy hand, the vertical-edge map at row %d, column %d: the window of pixels rows %d-%d,"
        + " columns %d-%d,%n  %s%ntimes the filter, summed: %.2f. conv2d gives %.2f.%n", ROW, COLUMN, ROW - 1,
        ROW + 1, COLUMN - 1, COLUMN + 1, matrix(r.window(), 3), r.handValue(), r.convValue());
    out.println("Positive where there is more ink to the left of a pixel than to its right, negative for the"
        + " opposite:");
    out.println("the filter finds vertical edges wherever they are, because the same nine weights are used at"
        + " every position.");

    out.printf(Locale.ROOT, "%nWeight sharing: a Conv2d(1, 16, 3) layer has %,d parameters (16 filters of 9 weights"
        + " and 16 biases)%nand makes 16 x 8 x 8 = 1,024 outputs; a Linear layer making as many outputs from the"
        + " 64 pixels%nhas %,d: %,d times as many.%n", r.convParameters(), r.denseParameters(),
        r.denseParameters() / r.convParameters());

    out.printf(Locale.ROOT, "%nMax pooling 2x2 keeps the largest value of each 2x2 window: the 8x8 vertical-edge"
        + " map becomes%n  %s%na quarter of the values, each the strongest response in its neighbourhood, so a"
        + " stroke that moves%nby a pixel often leaves it unchanged.%n", matrix(r.pooled(), SIDE / 2));

    out.println();
    out.println("Backward through the convolution, L = mean(conv2d(X, W)^2): the filter's gradient is itself a"
        + " convolution");
    out.println("(of the input with dL/dY), and the input's gradient a transposed convolution of dL/dY with W:");
    for (String line : r.narration()) {
      out.println("  " + line);
    }
    context.graph("conv-graph", r.graph());

    out.printf(Locale.ROOT, "%nA small CNN (8 filters of 3x3, ReLU, 2x2 max pool, 10 outputs: %,d parameters)"
        + " against lesson 4's%n64-32-16-10 network (%,d parameters), both trained with Adam for %d epochs on the"
        + " same split:%n  CNN test accuracy %.1f%%, fully connected %.1f%% (%d test digits).%n",
        r.cnnParameters(), r.mlpParameters(), EPOCHS, 100 * r.cnnAccuracy(), 100 * r.mlpAccuracy(), r.testSize());
    out.println("Notice: the CNN does at least as well with half the parameters, because it is built to know that"
        + " neighbouring");
    out.println("pixels belong together and that a stroke means the same anywhere; on larger images the gap grows,"
        + " since a");
    out.println("dense layer's weights grow with the square of the pixels and a filter's do not grow at all.");
    pictures(context, r);
  }

  private static void pictures(LessonContext context, Result r) throws IOException {
    ImageGrid filters = new ImageGrid("The digit and the three filters");
    filters.add("digit (" + r.label() + ")", SIDE, SIDE, r.image(), ImageGrid.Scale.GREY);
    for (int f = 0; f < FILTERS.length; f++) {
      filters.add(FILTER_NAMES[f], 3, 3, FILTERS[f], ImageGrid.Scale.DIVERGING);
    }
    AtomicFile.writeString(context.file("filters.svg"), filters.svg());
    ImageGrid maps = new ImageGrid("Feature maps: red positive, blue negative");
    for (int f = 0; f < FILTERS.length; f++) {
      maps.add(FILTER_NAMES[f], SIDE, SIDE, r.maps()[f], ImageGrid.Scale.DIVERGING);
    }
    maps.add("vertical, max-pooled", SIDE / 2, SIDE / 2, r.pooled(), ImageGrid.Scale.DIVERGING);
    AtomicFile.writeString(context.file("feature-maps.svg"), maps.svg());
  }

  /** The values as rows of a matrix, {@code [[a, b], [c, d]]}: whole numbers as such, others to two decimals. */
  private static String matrix(double[] values, int columns) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < values.length; i += columns) {
      s.append(i == 0 ? "[" : ", [");
      for (int j = 0; j < columns; j++) {
        double v = values[i + j];
        s.append(j == 0 ? "" : ", ").append(v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
            : String.format(Locale.ROOT, "%.2f", v));
      }
      s.append(']');
    }
    return s.append(']').toString();
  }
}
