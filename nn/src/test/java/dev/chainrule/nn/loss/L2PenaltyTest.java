package dev.chainrule.nn.loss;

import static dev.chainrule.nn.Tensors.assertValues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.testing.Generators;
import java.util.List;
import org.junit.jupiter.api.Test;

class L2PenaltyTest {
  @Test
  void isHalfLambdaTimesTheSumOfSquaresWithGradientLambdaW() {
    Tensor w1 = Tensor.of(1.0, -2.0).requiresGrad();
    Tensor w2 = Tensor.of(new double[][] {{3}}).requiresGrad();
    Tensor penalty = L2Penalty.of(0.1, List.of(w1, w2));
    assertEquals(0.05 * (1 + 4 + 9), penalty.item(), 1e-15);
    Tensor loss = new MSELoss().apply(w1, Tensor.zeros(2).to(w1.dtype())).add(penalty);
    loss.backward();
    // d/dw1 of mean(w1^2) is w1, plus 0.1 w1
    assertValues(new double[] {1.1, -2.2}, new int[] {2}, w1.grad(), 1e-12);
    assertValues(new double[] {0.3}, new int[] {1, 1}, w2.grad(), 1e-12);
  }

  @Test
  void rejectsNegativeLambdaAndNoWeights() {
    assertThrows(IllegalArgumentException.class, () -> L2Penalty.of(-1, List.of(Tensor.ones(1))));
    assertThrows(IllegalArgumentException.class, () -> L2Penalty.of(1, List.of()));
  }

  @Test
  void gradientChecksInFloat64() {
    GradCheck.check(in -> L2Penalty.of(0.3, List.of(in[0], in[1])),
        Generators.uniform(Shape.of(2, 3), 41, -1, 1).requiresGrad(),
        Generators.uniform(Shape.of(3), 42, -1, 1).requiresGrad());
  }
}
