package dev.chainrule.nn.data;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Data sets in one call. Three small ones ship inside this module as resources (copies of the files in
 * scikit-learn, with their descriptions and attribution beside them in {@code dev/chainrule/nn/data/}); each
 * loads as a {@link TensorDataset} with FLOAT32 features and INT64 class labels of shape {@code (samples)}.
 * Tabular sets have features of shape {@code (samples, features)}; image sets (the digits, Fashion-MNIST) keep
 * their images' shape, NCHW {@code (samples, 1, height, width)}, for convolutional networks, and
 * {@link TensorDataset#flatten()} turns them into {@code (samples, height * width)} for a fully connected one.
 * Fashion-MNIST is read from a directory of IDX files.
 */
public final class Datasets {
  /** Where Debian's {@code dataset-fashion-mnist} package installs Fashion-MNIST. */
  public static final Path FASHION_MNIST_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

  private static final int DIGIT_SIDE = 8;

  private Datasets() {}

  /**
   * UCI's optical handwritten digits (Alpaydin and Kaynak, 1998; CC BY 4.0): 1797 images of 8x8 pixels, values
   * 0..16, as features of shape {@code (1797, 1, 8, 8)}, and the digit 0..9 as label.
   * {@code digits().flatten()} has the 64 pixels of an image, row by row, as features {@code (1797, 64)}.
   */
  public static TensorDataset digits() {
    TensorDataset flat = resource("digits.csv.gz", false);
    int n = flat.size();
    return new TensorDataset(flat.features().reshape(n, 1, DIGIT_SIDE, DIGIT_SIDE), flat.labels());
  }

  /**
   * Fisher's iris flowers (1936; CC BY 4.0): 150 samples, 4 features (sepal and petal length and width in cm),
   * labels 0 setosa, 1 versicolor, 2 virginica.
   */
  public static TensorDataset iris() {
    return resource("iris.csv", true);
  }

  /**
   * Breast Cancer Wisconsin (Diagnostic) (Wolberg, Street and Mangasarian, 1995; CC BY 4.0): 569 tumours,
   * 30 features computed from cell nuclei images, labels 0 malignant, 1 benign.
   */
  public static TensorDataset breastCancer() {
    return resource("breast_cancer.csv", true);
  }

  /** {@link #fashionMnist(Path, boolean)} from {@link #FASHION_MNIST_DIRECTORY}. */
  public static TensorDataset fashionMnist(boolean train) throws IOException {
    return fashionMnist(FASHION_MNIST_DIRECTORY, train);
  }

  /**
   * Zalando's Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017; MIT licence): 60000 training or 10000 test images of
   * 28x28 pixels as FLOAT32 features of shape {@code (n, 1, 28, 28)} scaled to {@code [0, 1]}, labels 0..9 (T-shirt/top,
   * trouser, pullover, dress, coat, sandal, shirt, sneaker, bag, ankle boot). {@code directory} holds the
   * standard files {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
   * {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each gzipped ({@code .gz}) or not.
   *
   * @throws FileNotFoundException when a file is missing, saying how to get the data
   * @throws DataFileFormatException when a file is malformed, as {@link IdxReader} defines it
   * @throws IllegalArgumentException when a file holds no samples
   */
  public static TensorDataset fashionMnist(Path directory, boolean train) throws IOException {
    checkNotNull(directory, "Datasets.fashionMnist: directory must not be null");
    String prefix = train ? "train" : "t10k";
    Path images = find(directory, prefix + "-images-idx3-ubyte");
    return IdxReader.read(images, find(directory, prefix + "-labels-idx1-ubyte"));
  }

  /** {@code name.gz} or {@code name} in {@code directory}. */
  private static Path find(Path directory, String name) throws FileNotFoundException {
    for (String candidate : new String[] {name + ".gz", name}) {
      Path file = directory.resolve(candidate);
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    throw new FileNotFoundException("Fashion-MNIST not found: expected " + directory.resolve(name)
        + "(.gz), found " + (Files.isDirectory(directory) ? "no such file" : "no directory " + directory)
        + ". Install it with `sudo apt-get install dataset-fashion-mnist` (Debian and Ubuntu; it goes to "
        + FASHION_MNIST_DIRECTORY + "), or pass a directory holding train-images-idx3-ubyte.gz,"
        + " train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz"
        + " (gzipped or not) from https://github.com/zalandoresearch/fashion-mnist");
  }

  private static TensorDataset resource(String name, boolean header) {
    try (InputStream in = Datasets.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Datasets: resource dev/chainrule/nn/data/" + name
            + " is missing from the class path; is the chainrule-nn jar complete?");
      }
      return CsvReader.builder().header(header).classLabels(true).build().read(in, name);
    } catch (IOException e) {
      throw new UncheckedIOException("Datasets: cannot read bundled resource " + name, e);
    }
  }
}
