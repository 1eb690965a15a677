package dev.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import org.junit.jupiter.api.Test;

class ScalerTest {
  // Column 0: mean 2, population std sqrt(2/3); column 1 constant 5; column 2: min -1, max 3.
  private static final Tensor TRAIN = Tensor.of(new double[][] {{1, 5, -1}, {2, 5, 3}, {3, 5, 1}});
  private static final Tensor VALIDATION = Tensor.of(new double[][] {{4, 6, 7}, {0, 5, -3}});

  @Test
  void standardizerLearnsMeanAndStdOfTheTrainingFeaturesOnly() {
    Standardizer scaler = Standardizer.fit(TRAIN);
    double std0 = Math.sqrt(2.0 / 3);
    assertArrayEquals(new double[] {2, 5, 1}, scaler.mean().toDoubleArray(), 1e-12);
    assertArrayEquals(new double[] {std0, 0, Math.sqrt(8.0 / 3)}, scaler.std().toDoubleArray(), 1e-12);

    Tensor train = scaler.transform(TRAIN);
    assertArrayEquals(new double[] {0, 0, 0}, train.mean(new int[] {0}, false).toDoubleArray(), 1e-12);
    assertArrayEquals(new double[] {1, 0, 1}, columnStd(train), 1e-12);

    double std2 = Math.sqrt(8.0 / 3);
    assertArrayEquals(new double[] {
        (4 - 2) / std0, 6 - 5, (7 - 1) / std2,
        (0 - 2) / std0, 5 - 5, (-3 - 1) / std2}, scaler.transform(VALIDATION).toDoubleArray(), 1e-12);
  }

  @Test
  void aConstantColumnIsOnlyCentred() {
    Tensor train = Standardizer.fit(TRAIN).transform(TRAIN);
    for (int r = 0; r < 3; r++) {
      assertEquals(0.0, train.get(3 * r + 1));
    }
    MinMaxScaler minMax = MinMaxScaler.fit(TRAIN);
    assertEquals(0.0, minMax.transform(TRAIN).get(1));
    assertEquals(1.0, minMax.transform(VALIDATION).get(1)); // 6 - 5, not a division by zero
  }

  @Test
  void minMaxMapsTrainingFeaturesToTheUnitIntervalAndOthersWithTheSameStatistics() {
    MinMaxScaler scaler = MinMaxScaler.fit(TRAIN);
    assertArrayEquals(new double[] {1, 5, -1}, scaler.min().toDoubleArray());
    assertArrayEquals(new double[] {3, 5, 3}, scaler.max().toDoubleArray());
    assertArrayEquals(new double[] {0, 0, 0, 0.5, 0, 1, 1, 0, 0.5}, scaler.transform(TRAIN).toDoubleArray(), 1e-12);
    assertArrayEquals(new double[] {1.5, 1, 2, -0.5, 0, -0.5}, scaler.transform(VALIDATION).toDoubleArray(), 1e-12);
  }

  @Test
  void fittedOnTheTrainSplitAndAppliedToTheValidationSplit() {
    Split split = Split.of(Datasets.breastCancer(), 0.6, 0.2, new Rng(11));
    Standardizer scaler = Standardizer.fit(split.train().features());
    TensorDataset validation = scaler.transform(split.validation());
    assertEquals(DType.FLOAT32, validation.features().dtype());
    assertEquals(split.validation().labels(), validation.labels());
    double[] raw = split.validation().features().toDoubleArray();
    double[] mean = scaler.mean().toDoubleArray();
    double[] std = scaler.std().toDoubleArray();
    double[] scaled = validation.features().toDoubleArray();
    for (int i = 0; i < raw.length; i++) {
      int j = i % 30;
      assertEquals((raw[i] - mean[j]) / std[j], scaled[i], 1e-4 * (1 + Math.abs(scaled[i])), "element " + i);
    }
    double[] validationMean = split.validation().features().mean(new int[] {0}, false).toDoubleArray();
    assertTrue(mean[0] != validationMean[0], "the validation statistics must not be used");
  }

  @Test
  void transformNeedsTheFittedColumnCount() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Standardizer.fit(TRAIN).transform(Tensor.zeros(2, 4)));
    assertTrue(e.getMessage().contains("(samples, 3)") && e.getMessage().contains("(2, 4)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> MinMaxScaler.fit(Tensor.zeros(0, 3)));
    assertTrue(e.getMessage().contains("at least one sample"), e.getMessage());
  }

  private static double[] columnStd(Tensor x) {
    Tensor centred = x.sub(x.mean(new int[] {0}, true));
    return centred.mul(centred).mean(new int[] {0}, false).sqrt().toDoubleArray();
  }

  @Test
  void standardizerRebuiltFromItsSavedStatisticsTransformsIdentically() {
    Tensor train = Tensor.of(new float[] {1, 5, 2, 5, 4, 5}, 3, 2); // the second column is constant
    Standardizer fitted = Standardizer.fit(train);
    Standardizer rebuilt = Standardizer.of(fitted.mean(), fitted.scale());
    Tensor other = Tensor.of(new float[] {3, 7, -1, 5}, 2, 2);
    org.junit.jupiter.api.Assertions.assertArrayEquals(fitted.transform(other).toFloatArray(),
        rebuilt.transform(other).toFloatArray());
    org.junit.jupiter.api.Assertions.assertEquals(1.0, fitted.scale().get(1), "a constant column is divided by 1");
  }

  /**
   * Images (N, C, H, W) are scaled per feature over N, one statistic per (channel, row, column): the same numbers
   * as fitting their flattened (N, C*H*W) matrix, in the images' shape.
   */
  @Test
  void scalersOnImagesUseOneStatisticPerPixelOverTheSamples() {
    Tensor images = Tensor.uniform(new Rng(3), -2, 5, 6, 2, 3, 4);
    Tensor flat = images.flatten(1, -1);
    Standardizer standardizer = Standardizer.fit(images);
    assertEquals(dev.chainrule.autodiff.Shape.of(2, 3, 4), standardizer.mean().shape());
    assertArrayEquals(Standardizer.fit(flat).mean().toDoubleArray(), standardizer.mean().toDoubleArray());
    assertArrayEquals(Standardizer.fit(flat).std().toDoubleArray(), standardizer.std().toDoubleArray());
    Tensor scaled = standardizer.transform(images);
    assertEquals(images.shape(), scaled.shape());
    assertArrayEquals(Standardizer.fit(flat).transform(flat).toFloatArray(), scaled.toFloatArray());
    assertArrayEquals(new double[24], scaled.mean(new int[] {0}, false).toDoubleArray(), 1e-6);

    MinMaxScaler minMax = MinMaxScaler.fit(images);
    assertEquals(dev.chainrule.autodiff.Shape.of(2, 3, 4), minMax.max().shape());
    assertArrayEquals(MinMaxScaler.fit(flat).transform(flat).toFloatArray(), minMax.transform(images).toFloatArray());
    assertEquals(1.0, minMax.transform(images).max().item(), 1e-6);

    Standardizer rebuilt = Standardizer.of(standardizer.mean(), standardizer.scale());
    assertArrayEquals(scaled.toFloatArray(), rebuilt.transform(images).toFloatArray());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> standardizer.transform(flat));
    assertTrue(e.getMessage().contains("(samples, 2, 3, 4)") && e.getMessage().contains("(6, 24)"), e.getMessage());
  }
}
