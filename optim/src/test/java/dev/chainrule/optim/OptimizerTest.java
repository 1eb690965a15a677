package dev.chainrule.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract every optimizer inherits: parameter checks, skipping, no-grad steps, zeroGrad, learning rate. */
class OptimizerTest {

  @Test
  void rejectsParametersThatCannotBeOptimized() {
    Tensor constant = Tensor.of(1.0, 2.0).named("c");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(constant), 1));
    assertTrue(e.getMessage().contains("c") && e.getMessage().contains("requiresGrad()"), e.getMessage());
    Tensor w = Tensor.of(1.0, 2.0).requiresGrad();
    e = assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(w.mul(2)), 1e-3));
    assertTrue(e.getMessage().contains("not a leaf"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(w, w), 1e-3));
    assertTrue(e.getMessage().contains("more than once"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(), 1e-3));
    assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(w), -1));
    assertThrows(IllegalArgumentException.class, () -> SGD.builder(List.of(w)).build());
  }

  @Test
  void rejectsHyperParametersOutOfRange() {
    List<Tensor> ps = List.of(Tensor.of(1.0).requiresGrad());
    assertThrows(IllegalArgumentException.class, () -> SGD.builder(ps).learningRate(0.1).nesterov(true).build());
    assertThrows(IllegalArgumentException.class,
        () -> SGD.builder(ps).learningRate(0.1).momentum(0.9).dampening(0.1).nesterov(true).build());
    assertThrows(IllegalArgumentException.class, () -> Adam.builder(ps).betas(1.0, 0.999).build());
    assertThrows(IllegalArgumentException.class, () -> Adam.builder(ps).betas(0.9, Double.NaN).build());
    assertThrows(IllegalArgumentException.class, () -> RMSprop.builder(ps).alpha(1.5).build());
    assertThrows(IllegalArgumentException.class, () -> Adagrad.builder(ps).eps(-1).build());
    assertThrows(IllegalArgumentException.class, () -> Adadelta.builder(ps).rho(-0.1).build());
    assertThrows(IllegalArgumentException.class, () -> AdamW.builder(ps).weightDecay(-0.01).build());
  }

  @Test
  void stepSkipsParametersWithoutGradientAndKeepsTheirState() {
    Tensor a = Tensor.of(1.0, 1.0).requiresGrad();
    Tensor b = Tensor.of(5.0).requiresGrad();
    Adam adam = new Adam(List.of(a, b), 0.1);
    a.setGrad(Tensor.of(1.0, -1.0));
    adam.step();
    assertArrayEquals(new double[] {5.0}, b.toDoubleArray());
    assertEquals(0, b.version());
    // b's first real step is its step 1: bias correction makes Adam's first move exactly lr * sign(g).
    a.zeroGrad();
    b.setGrad(Tensor.of(3.0));
    adam.step();
    assertEquals(4.9, b.get(0), 1e-9);
  }

  @Test
  void stepRunsWithGradModeOffAndBumpsVersions() {
    Tensor w = Tensor.of(1.0, 2.0).requiresGrad();
    Tensor loss = w.square().sum();
    loss.backward();
    SGD sgd = new SGD(List.of(w), 0.25);
    assertTrue(GradMode.isEnabled());
    sgd.step();
    assertTrue(GradMode.isEnabled());
    assertArrayEquals(new double[] {0.5, 1.0}, w.toDoubleArray());
    assertEquals(1, w.version());
    assertNull(w.gradFn());
    assertThrows(IllegalStateException.class, loss::backward, "the graph saw the old w");
  }

  @Test
  void zeroGradClearsEveryGradient() {
    Tensor a = Tensor.of(1.0).requiresGrad();
    Tensor b = Tensor.of(2.0).requiresGrad();
    a.mul(b).backward();
    Optimizer opt = new SGD(List.of(a, b), 0.1);
    opt.zeroGrad();
    assertNull(a.grad());
    assertNull(b.grad());
  }

  @Test
  void learningRateCanBeChangedButNotToNonsense() {
    Tensor w = Tensor.of(1.0).requiresGrad();
    Optimizer opt = new RMSprop(List.of(w), 0.01);
    opt.setLearningRate(0.5);
    assertEquals(0.5, opt.learningRate());
    assertThrows(IllegalArgumentException.class, () -> opt.setLearningRate(Double.NaN));
    assertThrows(UnsupportedOperationException.class, () -> opt.parameters().add(w));
  }
}
