package dev.chainrule.nn.layers;

import static dev.chainrule.nn.Tensors.assertValues;
import static dev.chainrule.nn.Tensors.float64Leaf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.testing.Generators;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchNorm1dTest {
  /** Four samples of two features. Column 0: mean 2.5, biased var 1.25; column 1: mean 0, biased var 5. */
  private static final double[][] X = {{1, -3}, {2, -1}, {3, 1}, {4, 3}};

  @Test
  void trainingNormalisesWithBatchStatisticsAndTheAffineParameters() {
    BatchNorm1d bn = new BatchNorm1d(2);
    try (var off = GradMode.off()) {
      bn.parameters().get(0).copyFrom(Tensor.of(2.0, 0.5));
      bn.parameters().get(1).copyFrom(Tensor.of(1.0, -1.0));
    }
    double[] mean = {2.5, 0};
    double[] var = {1.25, 5};
    double[] gamma = {2, 0.5};
    double[] beta = {1, -1};
    double[] expected = new double[8];
    for (int n = 0; n < 4; n++) {
      for (int c = 0; c < 2; c++) {
        expected[n * 2 + c] = gamma[c] * (X[n][c] - mean[c]) / Math.sqrt(var[c] + 1e-5) + beta[c];
      }
    }
    assertValues(expected, new int[] {4, 2}, bn.forward(Tensor.of(X)), 1e-12);
  }

  @Test
  void runningStatisticsFollowPyTorchsUpdateWithTheUnbiasedVariance() {
    BatchNorm1d bn = new BatchNorm1d(2);
    bn.forward(Tensor.of(X));
    // unbiased variances: 1.25 * 4/3 and 5 * 4/3
    double[] mean1 = {0.9 * 0 + 0.1 * 2.5, 0};
    double[] var1 = {0.9 * 1 + 0.1 * (1.25 * 4 / 3), 0.9 * 1 + 0.1 * (5.0 * 4 / 3)};
    assertValues(mean1, new int[] {2}, bn.runningMean(), 1e-6);
    assertValues(var1, new int[] {2}, bn.runningVar(), 1e-6);
    // a second batch: column 0 is {0, 2} (mean 1, unbiased var 2), column 1 is {5, 5} (mean 5, var 0)
    bn.forward(Tensor.of(new double[][] {{0, 5}, {2, 5}}));
    assertValues(new double[] {0.9 * mean1[0] + 0.1 * 1, 0.9 * mean1[1] + 0.1 * 5}, new int[] {2},
        bn.runningMean(), 1e-6);
    assertValues(new double[] {0.9 * var1[0] + 0.1 * 2, 0.9 * var1[1]}, new int[] {2}, bn.runningVar(), 1e-6);
    assertTrue(!bn.runningMean().needsGrad() && !bn.runningVar().needsGrad());
  }

  @Test
  void evaluationUsesTheRunningStatisticsAndLeavesThemAlone() {
    BatchNorm1d bn = new BatchNorm1d(2);
    bn.forward(Tensor.of(X));
    double[] mean = bn.runningMean().toDoubleArray();
    double[] var = bn.runningVar().toDoubleArray();
    bn.eval();
    Tensor y = bn.forward(Tensor.of(new double[][] {{1, 1}}));
    assertValues(new double[] {(1 - mean[0]) / Math.sqrt(var[0] + 1e-5), (1 - mean[1]) / Math.sqrt(var[1] + 1e-5)},
        new int[] {1, 2}, y, 1e-6);
    assertEquals(mean[0], bn.runningMean().get(0));
    assertEquals(var[1], bn.runningVar().get(1));
  }

  @Test
  void stateHoldsParametersThenBuffers() {
    assertEquals(List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked"),
        List.copyOf(new BatchNorm1d(3).stateDict().keySet()));
    assertEquals(2, new BatchNorm1d(3).parameters().size());
  }

  @Test
  void rejectsWrongShapesAndASingleSampleInTraining() {
    var e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(3).forward(Tensor.ones(4, 2)));
    assertTrue(e.getMessage().contains("BatchNorm1d") && e.getMessage().contains("(4, 2)"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(2).forward(Tensor.ones(1, 2)));
  }

  @Test
  void trainingModeGradientChecksThroughTheBatchStatistics() {
    BatchNorm1d bn = new BatchNorm1d(3);
    Tensor x = float64Leaf(Generators.uniform(Shape.of(5, 3), 8, -2, 2));
    Tensor gamma = float64Leaf(Generators.uniform(Shape.of(3), 9, 0.5, 1.5));
    Tensor beta = float64Leaf(Generators.uniform(Shape.of(3), 10, -1, 1));
    GradCheck.check(in -> bn.forwardWith(Map.of("weight", in[1], "bias", in[2]), in[0]), x, gamma, beta);
  }

  @Test
  void evaluationModeGradientChecks() {
    BatchNorm1d bn = new BatchNorm1d(3);
    bn.forward(Generators.uniform(Shape.of(6, 3), 11, -2, 2));
    bn.eval();
    Tensor x = float64Leaf(Generators.uniform(Shape.of(4, 3), 12, -2, 2));
    GradCheck.check(in -> bn.forwardWith(Map.of("weight", in[1], "bias", in[2]), in[0]), x,
        float64Leaf(Tensor.ones(3)), float64Leaf(Tensor.zeros(3)));
  }
}
