package dev.chainrule.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Tensor;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The {@code cumulative} factories, PyTorch's {@code momentum=None}: options, description, refusals. */
class BatchNormCumulativeTest {
  @Test
  void theFactoriesHavePyTorchsDefaultsAndNoMomentum() {
    BatchNorm2d bn = BatchNorm2d.cumulative(4);
    assertEquals(OptionalDouble.empty(), bn.momentum());
    assertEquals(1e-5, bn.eps());
    assertTrue(bn.affine());
    assertEquals(List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked"),
        List.copyOf(bn.stateDict().keySet()));
    assertEquals(OptionalDouble.of(0.1), new BatchNorm2d(4).momentum());
    assertEquals(OptionalDouble.of(0.3), new BatchNorm1d(4, 1e-5, 0.3, true).momentum());
  }

  @Test
  void theDescriptionSaysMomentumNoneAsPyTorchDoes() {
    assertEquals("BatchNorm2d(4, eps=1.0E-5, momentum=None)", BatchNorm2d.cumulative(4).toString());
    assertEquals("BatchNorm1d(3, eps=0.001, momentum=None, affine=false)",
        BatchNorm1d.cumulative(3, 1e-3, false).toString());
    assertEquals("BatchNorm1d(3, eps=1.0E-5, momentum=0.1)", new BatchNorm1d(3).toString());
  }

  @Test
  void theFirstTrainingBatchReplacesTheInitialStatistics() {
    BatchNorm1d bn = BatchNorm1d.cumulative(1);
    bn.call(Tensor.of(new double[][] {{1}, {2}, {6}})); // mean 3, unbiased variance (4 + 1 + 9) / 2 = 7
    assertEquals(3, bn.runningMean().get(0), 1e-6);
    assertEquals(7, bn.runningVar().get(0), 1e-6);
  }

  private static void assertRefused(Executable construction, String... parts) {
    var e = assertThrows(IllegalArgumentException.class, construction);
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), () -> "'" + part + "' not in: " + e.getMessage());
    }
  }

  @Test
  void badArgumentsAreRefusedNamingTheLayer() {
    assertRefused(() -> BatchNorm2d.cumulative(0), "BatchNorm2d", "must be positive", "0");
    assertRefused(() -> BatchNorm1d.cumulative(-2), "BatchNorm1d", "must be positive", "-2");
    assertRefused(() -> BatchNorm2d.cumulative(3, 0, true), "BatchNorm2d", "eps", "0.0");
    assertRefused(() -> BatchNorm1d.cumulative(3, Double.NaN, false), "BatchNorm1d", "eps", "NaN");
    assertRefused(() -> new BatchNorm2d(3, 1e-5, Double.NaN, true), "BatchNorm2d", "momentum", "NaN");
    assertRefused(() -> new BatchNorm1d(3, 1e-5, -0.1, true), "BatchNorm1d", "momentum", "-0.1");
  }
}
