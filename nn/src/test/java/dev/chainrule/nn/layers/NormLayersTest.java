package dev.chainrule.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.testing.Generators;
import dev.chainrule.nn.Module;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** LayerNorm, GroupNorm and RMSNorm: refusals, NaN, state dict keys, printing. */
class NormLayersTest {

  private static void assertRefused(Supplier<Object> call, String... parts) {
    var e = assertThrows(IllegalArgumentException.class, call::get);
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), () -> "'" + part + "' missing from: " + e.getMessage());
    }
  }

  @Test
  void inputsOfTheWrongShapeAreRefusedNamingTheLayerTheShapeAndTheExpectedTrailingShape() {
    assertRefused(() -> new LayerNorm(3, 4).call(Tensor.ones(2, 4, 3)), "LayerNorm", "(2, 4, 3)",
        "normalized shape (3, 4)", "got (4, 3)");
    assertRefused(() -> new LayerNorm(2, 3, 4).call(Tensor.ones(3, 4)), "LayerNorm", "(3, 4)", "(2, 3, 4)",
        "rank 2 < 3");
    assertRefused(() -> new RMSNorm(5).call(Tensor.ones(2, 4)), "RMSNorm", "(2, 4)", "normalized shape (5,)",
        "got (4,)");
    assertRefused(() -> new GroupNorm(2, 4).call(Tensor.ones(2, 6, 3)), "GroupNorm", "(2, 6, 3)", "(N, C, *)",
        "C = 4");
    assertRefused(() -> new GroupNorm(2, 4).call(Tensor.ones(4)), "GroupNorm", "(4,)", "(N, C, *)");
  }

  @Test
  void badConfigurationsAreRefused() {
    assertRefused(() -> new GroupNorm(3, 4), "GroupNorm", "numChannels 4", "divisible by numGroups 3");
    assertRefused(() -> new GroupNorm(0, 4), "GroupNorm", "positive");
    assertRefused(() -> new GroupNorm(2, 4, 0, true), "GroupNorm", "eps");
    assertRefused(() -> new LayerNorm(), "LayerNorm", "at least one dimension");
    assertRefused(() -> new LayerNorm(3, 0), "LayerNorm", "(3, 0)", "positive");
    assertRefused(() -> new LayerNorm(new int[] {3}, Double.NaN, true), "LayerNorm", "eps", "NaN");
    assertRefused(() -> new RMSNorm(new int[] {3}, -1, true), "RMSNorm", "eps", "-1");
    assertRefused(() -> new RMSNorm(new int[0]), "RMSNorm", "at least one dimension");
  }

  /** A NaN input spoils exactly the values normalised together with it; a NaN weight its own position. */
  @Test
  void nanPropagatesToItsRowOrGroupAndNoFurther() {
    Tensor x = Generators.uniform(Shape.of(3, 4), 1, -2, 2);
    double[] values = x.toDoubleArray();
    values[5] = Double.NaN; // row 1
    Tensor withNan = Tensor.of(values, 3, 4);
    assertNanExactlyAt(new LayerNorm(4).call(withNan), 4, 5, 6, 7);
    assertNanExactlyAt(new RMSNorm(4).call(withNan), 4, 5, 6, 7);
    // (N=1, C=6, L=2), two groups of three channels: element 5 is channel 2, in group 0 (elements 0 to 5)
    assertNanExactlyAt(new GroupNorm(2, 6).call(withNan.reshape(1, 6, 2)), 0, 1, 2, 3, 4, 5);

    LayerNorm layerNorm = new LayerNorm(4);
    GroupNorm groupNorm = new GroupNorm(2, 4);
    RMSNorm rmsNorm = new RMSNorm(4);
    try (var off = GradMode.off()) {
      layerNorm.parameters().get(0).copyFrom(Tensor.of(1.0, Double.NaN, 1.0, 1.0));
      groupNorm.parameters().get(1).copyFrom(Tensor.of(0.0, Double.NaN, 0.0, 0.0));
      rmsNorm.parameters().get(0).copyFrom(Tensor.of(1.0, 1.0, 1.0, Double.NaN));
    }
    assertNanExactlyAt(layerNorm.call(x), 1, 5, 9);
    assertNanExactlyAt(groupNorm.call(x.reshape(1, 4, 3)), 3, 4, 5); // channel 1's three positions
    assertNanExactlyAt(rmsNorm.call(x), 3, 7, 11);
  }

  private static void assertNanExactlyAt(Tensor y, int... nanIndices) {
    double[] values = y.toDoubleArray();
    List<Integer> expected = java.util.Arrays.stream(nanIndices).boxed().toList();
    for (int i = 0; i < values.length; i++) {
      if (expected.contains(i)) {
        assertTrue(Double.isNaN(values[i]), "element " + i + " should be NaN, is " + values[i]);
      } else {
        assertFalse(Double.isNaN(values[i]) || Double.isInfinite(values[i]), "element " + i + " is " + values[i]);
      }
    }
  }

  @Test
  void stateDictsHavePyTorchsKeysAndShapesAndNoBuffers() {
    assertEquals(List.of("weight", "bias"), List.copyOf(new LayerNorm(3, 4).stateDict().keySet()));
    assertEquals(Shape.of(3, 4), new LayerNorm(3, 4).stateDict().get("bias").shape());
    assertEquals(List.of("weight"), List.copyOf(new LayerNorm(new int[] {4}, 1e-5, true, false).stateDict()
        .keySet()));
    assertTrue(new LayerNorm(new int[] {4}, 1e-5, false).stateDict().isEmpty());
    assertEquals(List.of("weight", "bias"), List.copyOf(new GroupNorm(2, 6).stateDict().keySet()));
    assertEquals(Shape.of(6), new GroupNorm(2, 6).stateDict().get("weight").shape());
    assertTrue(new GroupNorm(2, 6, 1e-5, false).stateDict().isEmpty());
    assertEquals(List.of("weight"), List.copyOf(new RMSNorm(2, 3).stateDict().keySet()));
    assertEquals(Shape.of(2, 3), new RMSNorm(2, 3).stateDict().get("weight").shape());
    assertTrue(new RMSNorm(new int[] {4}, 1e-6, false).stateDict().isEmpty());
  }

  @Test
  void initialParametersAreTheIdentityMap() {
    assertEquals(List.of(1.0, 1.0), boxed(new LayerNorm(2).stateDict().get("weight")));
    assertEquals(List.of(0.0, 0.0), boxed(new LayerNorm(2).stateDict().get("bias")));
    assertEquals(List.of(1.0, 1.0), boxed(new GroupNorm(1, 2).stateDict().get("weight")));
    assertEquals(List.of(0.0, 0.0), boxed(new GroupNorm(1, 2).stateDict().get("bias")));
    assertEquals(List.of(1.0, 1.0), boxed(new RMSNorm(2).stateDict().get("weight")));
  }

  private static List<Double> boxed(Tensor t) {
    return java.util.Arrays.stream(t.toDoubleArray()).boxed().toList();
  }

  @Test
  void printsTheirArgumentsLikePyTorch() {
    assertEquals("LayerNorm((3, 4), eps=1.0E-5)", new LayerNorm(3, 4).toString());
    assertEquals("LayerNorm((4,), eps=0.001, elementwise_affine=false)",
        new LayerNorm(new int[] {4}, 1e-3, false).toString());
    assertEquals("LayerNorm((4,), eps=1.0E-5, bias=false)", new LayerNorm(new int[] {4}, 1e-5, true, false)
        .toString());
    assertEquals("GroupNorm(2, 6, eps=1.0E-5)", new GroupNorm(2, 6).toString());
    assertEquals("GroupNorm(2, 6, eps=0.001, affine=false)", new GroupNorm(2, 6, 1e-3, false).toString());
    assertEquals("RMSNorm((8,), eps=None)", new RMSNorm(8).toString());
    assertEquals("RMSNorm((8,), eps=1.0E-6, elementwise_affine=false)",
        new RMSNorm(new int[] {8}, 1e-6, false).toString());
  }

  /** Per-sample statistics: training and evaluation mode give the same output and change nothing. */
  @Test
  void trainingAndEvaluationComputeTheSame() {
    Tensor x = Generators.uniform(Shape.of(2, 4, 3), 3, -2, 2);
    for (Module m : List.of(new LayerNorm(3), new GroupNorm(2, 4), new RMSNorm(4, 3))) {
      double[] training = m.call(x).toDoubleArray();
      try (var eval = Module.evaluating()) {
        assertEquals(boxed(Tensor.of(training)), boxed(m.call(x)), m.toString());
      }
    }
  }
}
