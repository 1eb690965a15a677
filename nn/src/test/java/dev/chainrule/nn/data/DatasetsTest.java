package dev.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.testing.Requirements;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled data sets against their descriptions (the .rst files beside them), and Fashion-MNIST. */
class DatasetsTest {

  /** How many samples have each label 0, 1, ...; every label must be an integer in range. */
  private static int[] classCounts(TensorDataset data, int classes) {
    int[] counts = new int[classes];
    for (int i = 0; i < data.size(); i++) {
      double label = data.labels().get(i);
      assertTrue(label == Math.rint(label) && label >= 0 && label < classes, "label " + label + " of sample " + i);
      counts[(int) label]++;
    }
    return counts;
  }

  /** The smallest and largest feature, as the FLOAT32 values nearest to the decimal ones. */
  private static void assertRange(TensorDataset data, float min, float max) {
    assertEquals(min, (float) data.features().min().item());
    assertEquals(max, (float) data.features().max().item());
  }

  @Test
  void digitsAre1797ImagesOf64PixelsIn10Classes() {
    TensorDataset digits = Datasets.digits();
    assertEquals(Shape.of(1797, 1, 8, 8), digits.features().shape());
    assertEquals(Shape.of(1797, 64), digits.flatten().features().shape());
    assertEquals(DType.FLOAT32, digits.features().dtype());
    assertEquals(Shape.of(1797), digits.labels().shape());
    assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, classCounts(digits, 10));
    assertRange(digits, 0, 16); // "8x8 image of integer pixels in the range 0..16"
  }

  @Test
  void aDigitKeepsItsRowsAndItsFlatFeaturesAreThePixelsRowByRow() {
    TensorDataset digits = Datasets.digits();
    // the first line of digits.csv.gz, a 0: its second row of pixels is columns 8..15
    float[] secondRow = {0, 0, 13, 15, 10, 15, 5, 0};
    assertArrayEquals(secondRow, digits.features().narrow(0, 0, 1).narrow(2, 1, 1).toFloatArray());
    assertArrayEquals(secondRow, digits.flatten().features().narrow(0, 0, 1).narrow(1, 8, 8).toFloatArray());
    assertArrayEquals(digits.features().toFloatArray(), digits.flatten().features().toFloatArray());
    assertEquals(digits.labels(), digits.flatten().labels());
    TensorDataset iris = Datasets.iris();
    assertSame(iris, iris.flatten(), "tabular features are flat already");
    TensorDataset vector = new TensorDataset(iris.labels(), iris.labels());
    assertSame(vector, vector.flatten());
  }

  @Test
  void irisIs150FlowersWith4FeaturesIn3Classes() {
    TensorDataset iris = Datasets.iris();
    assertEquals(Shape.of(150, 4), iris.features().shape());
    assertArrayEquals(new int[] {50, 50, 50}, classCounts(iris, 3));
    assertArrayEquals(new float[] {5.1f, 3.5f, 1.4f, 0.2f}, iris.get(new int[] {0}).features().toFloatArray());
    assertRange(iris, 0.1f, 7.9f); // petal width 0.1, sepal length 7.9
  }

  @Test
  void breastCancerIs569TumoursWith30FeaturesIn2Classes() {
    TensorDataset cancer = Datasets.breastCancer();
    assertEquals(Shape.of(569, 30), cancer.features().shape());
    assertArrayEquals(new int[] {212, 357}, classCounts(cancer, 2)); // "212 - Malignant, 357 - Benign"
    assertRange(cancer, 0, 4254); // concavity 0.0, area (worst) 4254.0
  }

  @Test
  void fashionMnistHas60000TrainingAnd10000TestImages() throws IOException {
    Requirements.require(Files.isDirectory(Datasets.FASHION_MNIST_DIRECTORY),
        "Fashion-MNIST is not installed: apt-get install dataset-fashion-mnist");
    TensorDataset train = Datasets.fashionMnist(true);
    assertEquals(Shape.of(60000, 1, 28, 28), train.features().shape());
    assertEquals(Shape.of(60000, 784), train.flatten().features().shape());
    assertEquals(DType.FLOAT32, train.features().dtype());
    assertArrayEquals(new int[] {6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000},
        classCounts(train, 10));
    assertRange(train, 0, 1);

    TensorDataset test = Datasets.fashionMnist(false);
    assertEquals(Shape.of(10000, 1, 28, 28), test.features().shape());
    assertArrayEquals(new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000},
        classCounts(test, 10));
  }

  @Test
  void missingFashionMnistSaysHowToGetIt(@TempDir Path empty) {
    Path missing = empty.resolve("nowhere");
    FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> Datasets.fashionMnist(missing, true));
    String message = e.getMessage();
    assertTrue(message.contains("apt-get install dataset-fashion-mnist"), message);
    assertTrue(message.contains(missing.resolve("train-images-idx3-ubyte") + "(.gz)"), message);
    assertTrue(message.contains("no directory " + missing), message);
    assertTrue(message.contains("t10k-labels-idx1-ubyte.gz"), message);

    e = assertThrows(FileNotFoundException.class, () -> Datasets.fashionMnist(empty, false));
    assertTrue(e.getMessage().contains(empty.resolve("t10k-images-idx3-ubyte") + "(.gz), found no such file"),
        e.getMessage());
  }
}
