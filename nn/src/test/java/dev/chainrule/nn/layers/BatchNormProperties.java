package dev.chainrule.nn.layers;

import static dev.chainrule.nn.Tensors.float64Leaf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.testing.Generators;
import dev.chainrule.nn.Module;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** BatchNorm2d and BatchNorm1d over random shapes and options: gradients, statistics, modes. */
class BatchNormProperties {

  private static Tensor forward(BatchNorm bn, Tensor[] in) {
    return bn.affine() ? bn.forwardWith(Map.of("weight", in[1], "bias", in[2]), in[0]) : bn.call(in[0]);
  }

  private static Tensor[] inputs(BatchNorm bn, Shape shape, long seed) {
    int c = shape.dim(1);
    Tensor x = float64Leaf(Generators.uniform(shape, seed, -2, 2));
    if (!bn.affine()) {
      return new Tensor[] {x};
    }
    return new Tensor[] {x, float64Leaf(Generators.uniform(Shape.of(c), seed + 1, 0.5, 1.5)),
        float64Leaf(Generators.uniform(Shape.of(c), seed + 2, -1, 1))};
  }

  @Property(tries = 20)
  void batchNorm2dGradientChecksInTrainingAndEvaluation(@ForAll @IntRange(min = 1, max = 3) int n,
      @ForAll @IntRange(min = 1, max = 3) int c, @ForAll @IntRange(min = 1, max = 3) int h,
      @ForAll @IntRange(min = 1, max = 3) int w, @ForAll boolean affine, @ForAll boolean training,
      @ForAll @DoubleRange(min = 0, max = 1) double momentum, @ForAll long seed) {
    BatchNorm2d bn = new BatchNorm2d(c, 1e-3, momentum, affine);
    Shape shape = Shape.of(n * h * w == 1 ? 2 : n, c, h, w);
    bn.call(Generators.uniform(shape, seed + 3, -2, 2)); // running statistics away from their initial 0 and 1
    bn.train(training);
    Tensor[] in = inputs(bn, shape, seed);
    GradCheck.check(t -> forward(bn, t), in);
  }

  @Property(tries = 15)
  void batchNorm1dGradientChecksOnMatricesAndSequences(@ForAll @IntRange(min = 2, max = 4) int n,
      @ForAll @IntRange(min = 1, max = 3) int c, @ForAll @IntRange(min = 0, max = 3) int length,
      @ForAll boolean affine, @ForAll boolean training, @ForAll long seed) {
    BatchNorm1d bn = new BatchNorm1d(c, 1e-5, 0.1, affine);
    Shape shape = length == 0 ? Shape.of(n, c) : Shape.of(n, c, length);
    bn.call(Generators.uniform(shape, seed + 3, -2, 2));
    bn.train(training);
    GradCheck.check(t -> forward(bn, t), inputs(bn, shape, seed));
  }

  /** Second derivatives through the batch statistics (a gradient penalty on a network with batch norm). */
  @Property(tries = 8)
  void batchNorm2dGradGradChecksInTraining(@ForAll @IntRange(min = 2, max = 3) int n,
      @ForAll @IntRange(min = 1, max = 2) int c, @ForAll @IntRange(min = 1, max = 2) int h, @ForAll long seed) {
    BatchNorm2d bn = new BatchNorm2d(c, 1e-3, 0.1, true);
    GradCheck.gradGrad(t -> forward(bn, t), inputs(bn, Shape.of(n, c, h, 2), seed));
  }

  /**
   * Per channel, over N*H*W values: the output has mean 0 and biased variance {@code v / (v + eps)}, and the
   * running statistics take PyTorch's step with the unbiased variance, computed here in plain Java.
   */
  @Property(tries = 30)
  void trainingNormalisesEachChannelAndUpdatesTheRunningStatistics(@ForAll @IntRange(min = 1, max = 4) int n,
      @ForAll @IntRange(min = 1, max = 3) int c, @ForAll @IntRange(min = 1, max = 4) int h,
      @ForAll @IntRange(min = 2, max = 4) int w, @ForAll @DoubleRange(min = 0, max = 1) double momentum,
      @ForAll long seed) {
    double eps = 1e-3;
    BatchNorm2d bn = new BatchNorm2d(c, eps, momentum, true);
    Tensor x = Generators.uniform(Shape.of(n, c, h, w), seed, -3, 3);
    double[] y = bn.call(x).toDoubleArray();
    double[] values = x.toDoubleArray();
    int count = n * h * w;
    int plane = h * w;
    for (int ch = 0; ch < c; ch++) {
      double sum = 0;
      double ySum = 0;
      for (int i = 0; i < n; i++) {
        for (int p = 0; p < plane; p++) {
          sum += values[(i * c + ch) * plane + p];
          ySum += y[(i * c + ch) * plane + p];
        }
      }
      double mean = sum / count;
      double squares = 0;
      double ySquares = 0;
      for (int i = 0; i < n; i++) {
        for (int p = 0; p < plane; p++) {
          squares += Math.pow(values[(i * c + ch) * plane + p] - mean, 2);
          ySquares += Math.pow(y[(i * c + ch) * plane + p], 2);
        }
      }
      double var = squares / count;
      assertEquals(0, ySum / count, 1e-5, "output mean of channel " + ch);
      assertEquals(var / (var + eps), ySquares / count, 1e-5, "output variance of channel " + ch);
      assertEquals(momentum * mean, bn.runningMean().get(ch), 1e-5, "running mean of channel " + ch);
      assertEquals((1 - momentum) + momentum * squares / (count - 1), bn.runningVar().get(ch), 1e-5,
          "running variance of channel " + ch);
    }
  }

  /**
   * Without a momentum (PyTorch's {@code momentum=None}), after k training batches of varying sizes, with an
   * evaluation pass after each, the running mean is the plain mean of the k batch means and the running variance
   * the plain mean of the k unbiased batch variances, computed here in plain Java; only the k batches are counted.
   */
  @Property(tries = 30)
  void theCumulativeAverageIsThePlainMeanOfTheBatchStatistics(@ForAll @IntRange(min = 1, max = 5) int k,
      @ForAll @IntRange(min = 1, max = 3) int c, @ForAll @IntRange(min = 1, max = 3) int h,
      @ForAll @IntRange(min = 2, max = 3) int w, @ForAll boolean images, @ForAll long seed) {
    BatchNorm bn = images ? BatchNorm2d.cumulative(c) : BatchNorm1d.cumulative(c);
    int plane = h * w;
    double[] meanSum = new double[c];
    double[] varSum = new double[c];
    for (int t = 0; t < k; t++) {
      int n = 1 + Math.floorMod(seed + t, 3);
      Shape shape = images ? Shape.of(n, c, h, w) : Shape.of(n, c, plane);
      Tensor x = Generators.uniform(shape, seed + t, -3, 3);
      bn.call(x);
      try (var eval = Module.evaluating()) {
        bn.call(x);
      }
      double[] values = x.toDoubleArray();
      int count = n * plane;
      for (int ch = 0; ch < c; ch++) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
          for (int p = 0; p < plane; p++) {
            sum += values[(i * c + ch) * plane + p];
          }
        }
        double mean = sum / count;
        double squares = 0;
        for (int i = 0; i < n; i++) {
          for (int p = 0; p < plane; p++) {
            squares += Math.pow(values[(i * c + ch) * plane + p] - mean, 2);
          }
        }
        meanSum[ch] += mean;
        varSum[ch] += squares / (count - 1);
      }
    }
    assertEquals(k, bn.numBatchesTracked());
    for (int ch = 0; ch < c; ch++) {
      assertEquals(meanSum[ch] / k, bn.runningMean().get(ch), 1e-5, "running mean of channel " + ch);
      assertEquals(varSum[ch] / k, bn.runningVar().get(ch), 1e-5, "running variance of channel " + ch);
    }
  }

  /** BatchNorm2d is BatchNorm1d over the (N*H*W, C) matrix of an image's pixels, statistics included. */
  @Property(tries = 20)
  void batchNorm2dIsBatchNorm1dOverEveryPixel(@ForAll @IntRange(min = 1, max = 3) int n,
      @ForAll @IntRange(min = 1, max = 3) int c, @ForAll @IntRange(min = 2, max = 3) int h,
      @ForAll @IntRange(min = 1, max = 3) int w, @ForAll long seed) {
    BatchNorm2d bn2 = new BatchNorm2d(c);
    BatchNorm1d bn1 = new BatchNorm1d(c);
    Tensor x = Generators.uniform(Shape.of(n, c, h, w), seed, -3, 3);
    Tensor pixels = x.permute(0, 2, 3, 1).reshape(n * h * w, c);
    Tensor y2 = bn2.call(x);
    Tensor y1 = bn1.call(pixels).reshape(n, h, w, c).permute(0, 3, 1, 2);
    assertArrayEquals(y1.toDoubleArray(), y2.toDoubleArray(), 1e-5);
    assertArrayEquals(bn1.runningMean().toDoubleArray(), bn2.runningMean().toDoubleArray(), 1e-6);
    assertArrayEquals(bn1.runningVar().toDoubleArray(), bn2.runningVar().toDoubleArray(), 1e-6);
  }

  @Test
  void theEvaluationScopeOfTheCallingThreadUsesAndKeepsTheRunningStatistics() {
    BatchNorm2d bn = new BatchNorm2d(2);
    bn.call(Generators.uniform(Shape.of(2, 2, 3, 3), 1, -2, 2));
    double[] mean = bn.runningMean().toDoubleArray();
    double[] var = bn.runningVar().toDoubleArray();
    Tensor x = Generators.uniform(Shape.of(1, 2, 2, 2), 2, -2, 2);
    Tensor y;
    try (var eval = Module.evaluating()) {
      y = bn.call(x);
    }
    double[] values = x.toDoubleArray();
    for (int i = 0; i < values.length; i++) {
      int ch = i / 4;
      assertEquals((values[i] - mean[ch]) / Math.sqrt(var[ch] + 1e-5), y.get(i), 1e-5, "element " + i);
    }
    assertArrayEquals(mean, bn.runningMean().toDoubleArray());
    assertArrayEquals(var, bn.runningVar().toDoubleArray());
    assertTrue(bn.isTraining(), "the scope changes no module's mode");
  }

  @Test
  void stateDictHasPyTorchsKeysAndNoParametersWithoutAffine() {
    assertEquals(List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked"),
        List.copyOf(new BatchNorm2d(4).stateDict().keySet()));
    BatchNorm2d plain = new BatchNorm2d(4, 1e-5, 0.1, false);
    assertEquals(List.of("running_mean", "running_var", "num_batches_tracked"),
        List.copyOf(plain.stateDict().keySet()));
    assertTrue(plain.parameters().isEmpty());
    assertEquals("BatchNorm2d(4, eps=1.0E-5, momentum=0.1, affine=false)", plain.toString());
  }

  @Test
  void refusalsNameTheLayerTheShapeAndWhatWasExpected() {
    var e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(3).call(Tensor.ones(2, 3, 4)));
    assertTrue(e.getMessage().contains("BatchNorm2d") && e.getMessage().contains("(2, 3, 4)")
        && e.getMessage().contains("(N, C, H, W)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(3).call(Tensor.ones(2, 4, 2, 2)));
    assertTrue(e.getMessage().contains("3 channels") && e.getMessage().contains("(2, 4, 2, 2)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(3).call(Tensor.ones(1, 3, 1, 1)));
    assertTrue(e.getMessage().contains("more than one value per channel"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(3).call(Tensor.ones(2, 3, 4, 5)));
    assertTrue(e.getMessage().contains("(N, C) or (N, C, L)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(3, 1e-5, 1.5, true));
    assertTrue(e.getMessage().contains("momentum") && e.getMessage().contains("1.5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(3, 0, 0.1, true));
    assertTrue(e.getMessage().contains("eps"), e.getMessage());
  }
}
