package dev.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.TensorDataset;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.loss.MSELoss;
import dev.chainrule.optim.SGD;
import org.junit.jupiter.api.Test;

/** Gradient clipping as a Trainer option: with plain SGD at lr 1, one step moves the weights by the clipped gradient. */
class TrainerClippingTest {
  /** One batch whose targets are far off, so the gradient is large. */
  private static DataLoader hugeError() {
    Tensor x = Tensor.of(new float[] {1, 2, -1, 0.5f}, 2, 2);
    Tensor y = Tensor.of(new float[] {1000, -1000}, 2, 1);
    return DataLoader.builder(new TensorDataset(x, y)).batchSize(2).build();
  }

  /** The L2 norm of the change of all parameters over one epoch of one batch, SGD at learning rate 1. */
  private static double stepNorm(java.util.function.UnaryOperator<Trainer.Builder> clipping) {
    Linear model = new Linear(2, 1, new Rng(3));
    float[] before = concat(model);
    Trainer.Builder builder = Trainer.builder(model, new MSELoss(), new SGD(model.parameters(), 1.0));
    clipping.apply(builder).build().fit(hugeError(), null);
    float[] after = concat(model);
    double sum = 0;
    for (int i = 0; i < before.length; i++) {
      sum += (after[i] - before[i]) * (double) (after[i] - before[i]);
    }
    return Math.sqrt(sum);
  }

  private static float[] concat(Linear model) {
    float[] w = model.parameters().get(0).toFloatArray();
    float[] b = model.parameters().get(1).toFloatArray();
    float[] all = java.util.Arrays.copyOf(w, w.length + b.length);
    System.arraycopy(b, 0, all, w.length, b.length);
    return all;
  }

  @Test
  void clipGradNormBoundsTheGlobalNormOfEveryStep() {
    double unclipped = stepNorm(b -> b);
    assertTrue(unclipped > 100, "the unclipped step is large: " + unclipped);
    assertEquals(1.0, stepNorm(b -> b.clipGradNorm(1.0)), 1e-5);
    assertEquals(0.25, stepNorm(b -> b.clipGradNorm(0.25)), 1e-5);
  }

  @Test
  void clipGradValueBoundsEachElement() {
    // Three parameters, each gradient element clipped to 0.5: the step is at most sqrt(3) * 0.5.
    double step = stepNorm(b -> b.clipGradValue(0.5));
    assertEquals(Math.sqrt(3) * 0.5, step, 1e-5);
  }

  @Test
  void impossibleSettingsAreRefused() {
    Linear model = new Linear(2, 1, new Rng(3));
    Trainer.Builder builder = Trainer.builder(model, new MSELoss(), new SGD(model.parameters(), 1.0));
    var e = assertThrows(IllegalArgumentException.class, () -> builder.clipGradNorm(0));
    assertEquals("trainer: clipGradNorm must be positive and finite, got 0.0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> builder.clipGradValue(Double.NaN));
  }
}
