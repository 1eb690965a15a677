package dev.chainrule.nn.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.diagnostics.SymmetryReport.Finding;
import dev.chainrule.nn.diagnostics.SymmetryReport.Kind;
import dev.chainrule.nn.init.Init;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.layers.Sequential;
import dev.chainrule.nn.layers.Sigmoid;
import java.util.List;
import org.junit.jupiter.api.Test;

class SymmetryDetectorTest {
  private static Sequential mlp(long seed) {
    Rng rng = new Rng(seed);
    return new Sequential(new Linear(4, 3, rng), new Sigmoid(), new Linear(3, 2, rng));
  }

  private static Sequential zeroMlp() {
    Sequential model = mlp(1);
    model.parameters().forEach(Init::zeros);
    return model;
  }

  /** One step of backward on a squared error against targets that differ per output unit. */
  private static void backward(Sequential model) {
    Tensor x = Tensor.randn(new Rng(7), 5, 4);
    Tensor target = Tensor.of(new double[] {1, -1, 1, -1, 1, -1, 1, -1, 1, -1}, 5, 2);
    model.call(x).sub(target).square().mean().backward();
  }

  private static Finding find(SymmetryReport report, String layer, Kind kind) {
    return report.findings().stream().filter(f -> f.layer().equals(layer) && f.kind() == kind).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " finding for layer " + layer + ": " + report));
  }

  @Test
  void zeroInitialisationMakesEveryHiddenUnitIdentical() {
    SymmetryReport report = SymmetryDetector.check(zeroMlp());
    assertEquals(List.of(List.of(0, 1, 2)), find(report, "0", Kind.WEIGHTS).groups());
    assertEquals(List.of(List.of(0, 1)), find(report, "2", Kind.WEIGHTS).groups());
    assertTrue(report.findings().stream().noneMatch(f -> f.kind() == Kind.GRADIENTS), "no backward yet");
  }

  @Test
  void afterOneBackwardTheGradientsOfTheHiddenLayerAreIdenticalToo() {
    Sequential model = zeroMlp();
    backward(model);
    SymmetryReport report = SymmetryDetector.check(model);
    // dL/dW1 = (W2^T dL/dy * sigmoid') x: every row is the same since every column of W2 is (zero and) the same.
    assertEquals(List.of(List.of(0, 1, 2)), find(report, "0", Kind.GRADIENTS).groups());
    // dL/dW2 = dL/dy h^T: the two outputs chase different targets, so their gradients differ.
    assertTrue(report.findings().stream().noneMatch(f -> f.layer().equals("2") && f.kind() == Kind.GRADIENTS));
  }

  @Test
  void aConstantButNonZeroInitialisationIsAsSymmetric() {
    Sequential model = mlp(1);
    model.parameters().forEach(p -> Init.constant(p, 0.3));
    backward(model);
    SymmetryReport report = SymmetryDetector.check(model);
    assertEquals(List.of(List.of(0, 1, 2)), find(report, "0", Kind.GRADIENTS).groups());
    assertTrue(((Linear) model.get(0)).weight().grad().toDoubleArray()[0] != 0, "a real, non-zero gradient");
  }

  @Test
  void randomInitialisationHasNothingToReport() {
    Sequential model = mlp(3);
    backward(model);
    SymmetryReport report = SymmetryDetector.check(model);
    assertTrue(report.isEmpty(), report::toString);
    assertEquals("", report.warnings());
  }

  @Test
  void theWarningNamesTheLayerAndTheUnits() {
    String warnings = SymmetryDetector.check(zeroMlp()).warnings();
    assertTrue(warnings.contains("layer 0 (Linear 4->3): hidden units 0, 1, 2 have identical weights: they will"
        + " stay identical (symmetry not broken; use random initialisation)"), warnings);
    assertTrue(warnings.contains("layer 2 (Linear 3->2): hidden units 0, 1 have identical weights"), warnings);
  }

  @Test
  void onlyTheIdenticalUnitsAreGroupedAndTheBiasCounts() {
    Linear layer = new Linear(2, 5, new Rng(4));
    try (var off = GradMode.off()) {
      layer.weight().copyFrom(Tensor.of(new double[] {1, 2, 7, 8, 1, 2, 7, 8, 1, 2}, 5, 2));
      layer.bias().copyFrom(Tensor.of(0, 0, 0, 0, 9));
    }
    SymmetryReport report = SymmetryDetector.check(layer);
    assertEquals(List.of(List.of(0, 2), List.of(1, 3)), find(report, "model", Kind.WEIGHTS).groups());
  }

  @Test
  void aToleranceGroupsNearlyIdenticalUnits() {
    Linear layer = new Linear(2, 3, new Rng(5));
    try (var off = GradMode.off()) {
      layer.weight().copyFrom(Tensor.of(new double[] {1, 2, 1.001, 2, 5, 6}, 3, 2));
      layer.bias().copyFrom(Tensor.of(0, 0, 0));
    }
    assertTrue(SymmetryDetector.check(layer).isEmpty(), "exact by default");
    SymmetryReport loose = SymmetryDetector.withTolerance(0.01).detect(layer);
    assertEquals(List.of(List.of(0, 1)), find(loose, "model", Kind.WEIGHTS).groups());
    assertThrows(IllegalArgumentException.class, () -> SymmetryDetector.withTolerance(-1));
    assertThrows(IllegalArgumentException.class, () -> SymmetryDetector.withTolerance(Double.NaN));
  }

  @Test
  void aSingleOutputUnitHasNoSymmetry() {
    Linear layer = new Linear(3, 1, new Rng(6));
    layer.parameters().forEach(Init::zeros);
    assertTrue(SymmetryDetector.check(layer).isEmpty());
  }

  @Test
  void aLayerUsedTwiceIsReportedOnceUnderItsFirstName() {
    Linear shared = new Linear(2, 2, new Rng(8));
    shared.parameters().forEach(Init::zeros);
    SymmetryReport report = SymmetryDetector.check(new Sequential(shared, new Sigmoid(), shared));
    assertEquals(1, report.findings().size(), report::toString);
    assertEquals("0", report.findings().get(0).layer());
  }
}
