package dev.chainrule.nn.layers;

import static dev.chainrule.nn.Tensors.assertValues;
import static dev.chainrule.nn.Tensors.float64Leaf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.testing.Generators;
import dev.chainrule.autodiff.Shape;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinearTest {
  @Test
  void weightIsOutByInAndBothAreUniformWithinOneOverSqrtIn() {
    Linear layer = new Linear(16, 5, new Rng(1));
    assertArrayEquals(new int[] {5, 16}, layer.weight().shape().dims());
    assertArrayEquals(new int[] {5}, layer.bias().shape().dims());
    double bound = 1 / Math.sqrt(16);
    for (Tensor p : layer.parameters()) {
      assertTrue(p.needsGrad());
      for (double v : p.toDoubleArray()) {
        assertTrue(v >= -bound && v < bound, "value " + v + " outside +-" + bound);
      }
    }
  }

  @Test
  void sameSeedSameWeights() {
    assertArrayEquals(new Linear(4, 3, new Rng(9)).weight().toDoubleArray(),
        new Linear(4, 3, new Rng(9)).weight().toDoubleArray());
  }

  @Test
  void forwardIsXTimesWTransposedPlusB() {
    Linear layer = new Linear(3, 2, new Rng(2));
    Tensor x = Tensor.of(new double[][] {{1, -2, 0.5}, {0, 3, -1}, {2, 2, 2}, {-1, 0, 1}});
    double[] w = layer.weight().toDoubleArray();
    double[] b = layer.bias().toDoubleArray();
    double[] expected = new double[8];
    for (int n = 0; n < 4; n++) {
      for (int o = 0; o < 2; o++) {
        double s = b[o];
        for (int i = 0; i < 3; i++) {
          s += x.get(n * 3 + i) * w[o * 3 + i];
        }
        expected[n * 2 + o] = s;
      }
    }
    assertValues(expected, new int[] {4, 2}, layer.forward(x), 1e-6);
  }

  @Test
  void acceptsVectorsAndBatchesOfMatrices() {
    Linear layer = new Linear(3, 2, new Rng(3));
    assertArrayEquals(new int[] {2}, layer.forward(Tensor.ones(3)).shape().dims());
    assertArrayEquals(new int[] {5, 4, 2}, layer.forward(Tensor.ones(5, 4, 3)).shape().dims());
    assertArrayEquals(layer.forward(Tensor.ones(1, 3)).toDoubleArray(), layer.forward(Tensor.ones(3))
        .toDoubleArray());
  }

  @Test
  void withoutBiasHasOnlyTheWeight() {
    Linear layer = new Linear(3, 2, false, new Rng(4));
    assertEquals(1, layer.parameters().size());
    Tensor x = Tensor.of(new double[] {1, 2, 3});
    double[] w = layer.weight().toDoubleArray();
    assertValues(new double[] {w[0] + 2 * w[1] + 3 * w[2], w[3] + 2 * w[4] + 3 * w[5]}, new int[] {2},
        layer.forward(x), 1e-6);
    assertThrows(IllegalStateException.class, layer::bias);
  }

  @Test
  void wrongFeatureCountNamesTheLayerAndShape() {
    var e = assertThrows(IllegalArgumentException.class, () -> new Linear(3, 2, new Rng(5))
        .forward(Tensor.ones(4, 7)));
    assertTrue(e.getMessage().contains("Linear") && e.getMessage().contains("(4, 7)"), e.getMessage());
  }

  @Test
  void anImageBatchIntoALinearLayerSuggestsAFlattenThatFits() {
    var e = assertThrows(IllegalArgumentException.class, () -> new Linear(64, 10, new Rng(5))
        .forward(Tensor.zeros(32, 1, 8, 8)));
    assertTrue(e.getMessage().contains("(32, 1, 8, 8)") && e.getMessage().contains("found 8")
        && e.getMessage().contains("a Flatten before this layer gives (32, 64)"), e.getMessage());
    var wrongSize = assertThrows(IllegalArgumentException.class, () -> new Linear(100, 10, new Rng(5))
        .forward(Tensor.zeros(32, 1, 8, 8)));
    assertTrue(wrongSize.getMessage().contains("a Flatten before this layer would give (32, 64), still not 100"
        + " features"), wrongSize.getMessage());
    var matrix = assertThrows(IllegalArgumentException.class, () -> new Linear(3, 2, new Rng(5))
        .forward(Tensor.ones(4, 7)));
    assertTrue(!matrix.getMessage().contains("Flatten"), matrix.getMessage());
  }

  @Test
  void gradientsOfInputWeightAndBiasCheckInFloat64() {
    Linear layer = new Linear(4, 3, new Rng(6));
    Tensor x = float64Leaf(Generators.uniform(Shape.of(5, 4), 7, -2, 2));
    GradCheck.check(in -> layer.forwardWith(Map.of("weight", in[1], "bias", in[2]), in[0]), x,
        float64Leaf(layer.weight()), float64Leaf(layer.bias()));
  }

  @Test
  void backwardFillsTheParameterGradients() {
    Linear layer = new Linear(2, 1, new Rng(7));
    Tensor x = Tensor.of(new float[][] {{1, 2}, {3, 4}});
    layer.forward(x).sum().backward();
    assertValues(new double[] {4, 6}, new int[] {1, 2}, layer.weight().grad(), 1e-6);
    assertValues(new double[] {2}, new int[] {1}, layer.bias().grad(), 1e-6);
  }
}
