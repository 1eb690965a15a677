package dev.chainrule.nn.layers;

import static dev.chainrule.nn.Tensors.assertValues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.testing.Generators;
import dev.chainrule.nn.Module;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class ActivationsTest {
  private static final double[] X = {-2, -0.5, 0.25, 3};

  private static void assertElementwise(Module m, DoubleUnaryOperator f) {
    double[] expected = new double[X.length];
    for (int i = 0; i < X.length; i++) {
      expected[i] = f.applyAsDouble(X[i]);
    }
    assertValues(expected, new int[] {2, 2}, m.forward(Tensor.of(X, 2, 2)), 1e-12);
  }

  @Test
  void elementwiseActivationsMatchTheirFormulas() {
    assertElementwise(new Sigmoid(), v -> 1 / (1 + Math.exp(-v)));
    assertElementwise(new Tanh(), Math::tanh);
    assertElementwise(new ReLU(), v -> Math.max(v, 0));
    assertElementwise(new LeakyReLU(0.2), v -> v > 0 ? v : 0.2 * v);
    assertElementwise(new LeakyReLU(), v -> v > 0 ? v : 0.01 * v);
    assertElementwise(new Identity(), v -> v);
  }

  @Test
  void identityReturnsItsInput() {
    Tensor x = Tensor.ones(3);
    assertSame(x, new Identity().forward(x));
  }

  @Test
  void softmaxAndLogSoftmaxAlongTheChosenAxis() {
    Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {0, 0, 0}});
    double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
    double[] rows = {Math.exp(1) / z, Math.exp(2) / z, Math.exp(3) / z, 1 / 3.0, 1 / 3.0, 1 / 3.0};
    assertValues(rows, new int[] {2, 3}, new Softmax().forward(x), 1e-12);
    double[] logRows = new double[6];
    for (int i = 0; i < 6; i++) {
      logRows[i] = Math.log(rows[i]);
    }
    assertValues(logRows, new int[] {2, 3}, new LogSoftmax(1).forward(x), 1e-12);
    Tensor columns = new Softmax(0).forward(x);
    double e = Math.exp(1);
    assertEquals(e / (e + 1), columns.get(0), 1e-12);
    assertEquals(1 / (e + 1), columns.get(3), 1e-12);
  }

  @Test
  void everyActivationGradientChecksInFloat64() {
    Tensor x = Generators.awayFromZero(Shape.of(3, 4), 11, 0.1, 2).requiresGrad();
    for (Module m : List.of(new Sigmoid(), new Tanh(), new ReLU(), new LeakyReLU(0.1), new Softmax(),
        new Softmax(0), new LogSoftmax(), new LogSoftmax(0), new Identity())) {
      GradCheck.check(in -> m.forward(in[0]), x);
    }
  }

  @Test
  void reprShowsArguments() {
    assertEquals("LeakyReLU(negative_slope=0.2)", new LeakyReLU(0.2).toString());
    assertEquals("Softmax(dim=-1)", new Softmax().toString());
    assertEquals("ReLU()", new ReLU().toString());
  }
}
