package dev.chainrule.nn.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A random train / validation / test split, each part gathered once into its own {@link TensorDataset}; the
 * test part gets what train and validation leave. Like scikit-learn's {@code train_test_split}, applied twice.
 *
 * <pre>{@code
 * Split split = Split.of(Datasets.iris(), 0.7, 0.15, new Rng(42));   // 105 / 23 / 22 samples
 * }</pre>
 *
 * <p>A fraction of exactly 0 asks for no such part: {@code Split.of(data, 0.8, 0, rng)} has no validation part
 * (an empty dataset) and {@code Split.of(data, 0.8, 0.2, rng)} no test part. A fraction above 0 that leaves its
 * part without a single sample is an {@code IllegalArgumentException}, since training or evaluating on an empty
 * part gives no number at all. The test fraction is {@code 1 - train - validation}, taken as 0 below
 * {@link #FRACTION_SLACK} (the rounding of the two fractions: {@code 1 - 0.7 - 0.3} is {@code 5.6e-17}).
 */
public record Split(TensorDataset train, TensorDataset validation, TensorDataset test) {
  /** A test fraction {@code 1 - train - validation} below this asks for no test part. */
  public static final double FRACTION_SLACK = 1e-9;

  public Split {
    checkNotNull(train, "Split: train must not be null");
    checkNotNull(validation, "Split: validation must not be null");
    checkNotNull(test, "Split: test must not be null");
  }

  /**
   * Shuffles the samples with {@code rng} and gives {@code round(n * trainFraction)} to train,
   * {@code round(n * valFraction)} (at most what is left) to validation, and the rest to test.
   *
   * @throws IllegalArgumentException when a fraction above 0 leaves its part empty
   */
  public static Split of(Dataset dataset, double trainFraction, double valFraction, Rng rng) {
    checkNotNull(dataset, "Split: dataset must not be null");
    checkFractions(trainFraction, valFraction);
    int n = dataset.size();
    int[] order = identity(n);
    Shuffle.inPlace(order, checkNotNull(rng, "Split: rng must not be null"));
    int trainCount = (int) Math.round(n * trainFraction);
    int valCount = Math.min((int) Math.round(n * valFraction), n - trainCount);
    checkNoPartLeftEmpty("Split", n, trainFraction, valFraction, trainCount, valCount, n - trainCount - valCount);
    return new Split(
        gather(dataset, Arrays.copyOfRange(order, 0, trainCount)),
        gather(dataset, Arrays.copyOfRange(order, trainCount, trainCount + valCount)),
        gather(dataset, Arrays.copyOfRange(order, trainCount + valCount, n)));
  }

  /** {@link #of(Dataset, double, double, Rng)} over {@code new TensorDataset(features, labels)}. */
  public static Split of(Tensor features, Tensor labels, double trainFraction, double valFraction, Rng rng) {
    return of(new TensorDataset(features, labels), trainFraction, valFraction, rng);
  }

  /**
   * A split that keeps the class proportions: the samples of each class (class indices of shape {@code (n)},
   * INT64 or whole numbers {@code >= 0} of a floating type)
   * are shuffled and divided by the fractions on their own, as {@link #of(Dataset, double, double, Rng)} does
   * for the whole set.
   */
  public static Split stratified(TensorDataset dataset, double trainFraction, double valFraction, Rng rng) {
    checkNotNull(dataset, "Split.stratified: dataset must not be null");
    checkNotNull(rng, "Split.stratified: rng must not be null");
    checkFractions(trainFraction, valFraction);
    int[] classes = classLabels(dataset.labels());
    int classCount = Arrays.stream(classes).max().orElse(-1) + 1;
    int n = classes.length;
    int[] train = new int[n];
    int[] validation = new int[n];
    int[] test = new int[n];
    int trainCount = 0;
    int valCount = 0;
    int testCount = 0;
    for (int c = 0; c < classCount; c++) {
      int[] members = membersOf(classes, c);
      Shuffle.inPlace(members, rng);
      int m = members.length;
      int toTrain = (int) Math.round(m * trainFraction);
      int toVal = Math.min((int) Math.round(m * valFraction), m - toTrain);
      System.arraycopy(members, 0, train, trainCount, toTrain);
      System.arraycopy(members, toTrain, validation, valCount, toVal);
      System.arraycopy(members, toTrain + toVal, test, testCount, m - toTrain - toVal);
      trainCount += toTrain;
      valCount += toVal;
      testCount += m - toTrain - toVal;
    }
    checkNoPartLeftEmpty("Split.stratified", n, trainFraction, valFraction, trainCount, valCount, testCount);
    return new Split(
        gather(dataset, shuffled(Arrays.copyOf(train, trainCount), rng)),
        gather(dataset, shuffled(Arrays.copyOf(validation, valCount), rng)),
        gather(dataset, shuffled(Arrays.copyOf(test, testCount), rng)));
  }

  private static void checkFractions(double trainFraction, double valFraction) {
    checkArgument(trainFraction >= 0 && valFraction >= 0 && trainFraction + valFraction <= 1,
        "Split: fractions must be >= 0 with train + validation <= 1, got train %s and validation %s",
        trainFraction, valFraction);
  }

  /** Refuses a part asked for (fraction above 0) that got no sample. */
  private static void checkNoPartLeftEmpty(String op, int n, double trainFraction, double valFraction,
      int trainCount, int valCount, int testCount) {
    double testFraction = 1 - trainFraction - valFraction;
    checkPart(op, "train", trainFraction, trainCount, n);
    checkPart(op, "validation", valFraction, valCount, n);
    checkPart(op, "test", testFraction < FRACTION_SLACK ? 0 : testFraction, testCount, n);
  }

  private static void checkPart(String op, String part, double fraction, int count, int n) {
    if (fraction > 0 && count == 0) {
      throw new IllegalArgumentException(String.format("%s: the %s fraction %s rounds to 0 of %d samples; give a"
          + " larger fraction, or 0 for no %s part", op, part, (float) fraction, n, part));
    }
  }

  private static int[] classLabels(Tensor labels) {
    checkArgument(labels.rank() == 1, "Split.stratified: labels must be class indices of shape (n), got %s",
        labels.shape());
    int[] classes = new int[labels.size()];
    for (int i = 0; i < classes.length; i++) {
      double label = labels.get(i);
      if (!(label >= 0 && label == Math.rint(label))) {
        throw new IllegalArgumentException(String.format(
            "Split.stratified: label %s of sample %d is not a class index (an integer >= 0)", label, i));
      }
      classes[i] = (int) label;
    }
    return classes;
  }

  private static int[] membersOf(int[] classes, int c) {
    return IntStream.range(0, classes.length).filter(i -> classes[i] == c).toArray();
  }

  private static int[] shuffled(int[] indices, Rng rng) {
    Shuffle.inPlace(indices, rng);
    return indices;
  }

  private static int[] identity(int n) {
    int[] indices = new int[n];
    Arrays.setAll(indices, i -> i);
    return indices;
  }

  private static TensorDataset gather(Dataset dataset, int[] indices) {
    Batch batch = dataset.get(indices);
    return new TensorDataset(batch.features(), batch.labels());
  }
}
