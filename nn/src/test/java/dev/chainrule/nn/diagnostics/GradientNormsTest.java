package dev.chainrule.nn.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.diagnostics.GradientNorms.Row;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.layers.Sequential;
import dev.chainrule.nn.layers.Sigmoid;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientNormsTest {
  private static Row row(GradientNorms norms, String name) {
    return norms.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  private static String line(String table, String name) {
    return table.lines().filter(l -> l.startsWith(name + " ")).findFirst().orElseThrow();
  }

  @Test
  void normsOfATinyModelMatchTheHandComputation() {
    Linear layer = new Linear(2, 1, new Rng(1));
    try (var off = GradMode.off()) {
      layer.weight().copyFrom(Tensor.of(new double[] {3, 4}, 1, 2));
      layer.bias().copyFrom(Tensor.of(12.0));
    }
    // y = 3*1 + 4*2 + 12 = 23; L = (y - 21)^2 / 2, so dL/dy = 2, dL/dW = 2 * x = (2, 4), dL/db = 2.
    layer.call(Tensor.of(new double[] {1, 2}, 1, 2)).sub(Tensor.of(21.0)).square().mul(Tensor.of(0.5)).sum()
        .backward();
    GradientNorms norms = GradientNorms.of(layer);
    Row weight = row(norms, "weight");
    assertEquals(Shape.of(1, 2), weight.shape());
    assertEquals(5, weight.paramNorm(), 1e-6);
    assertEquals(Math.sqrt(20), weight.gradNorm().orElseThrow(), 1e-6);
    assertEquals(Math.sqrt(20) / 5, weight.ratio().orElseThrow(), 1e-6);
    Row bias = row(norms, "bias");
    assertEquals(12, bias.paramNorm(), 1e-6);
    assertEquals(2, bias.gradNorm().orElseThrow(), 1e-6);
    assertEquals(2.0 / 12, bias.ratio().orElseThrow(), 1e-6);
    assertTrue(line(norms.table(), "weight").matches("weight\\s+\\(1, 2\\)\\s+5\\.000e\\+00\\s+4\\.472e\\+00\\s+"
        + "8\\.944e-01"), norms.table());
  }

  @Test
  void theTableListsEveryParameterAndDashesAMissingGradient() {
    Rng rng = new Rng(2);
    Sequential model = new Sequential(new Linear(3, 2, rng), new Sigmoid(), new Linear(2, 1, rng));
    // Only the last layer takes part in this loss, so the first has no gradient.
    model.get(2).call(Tensor.randn(rng, 4, 2)).sum().backward();
    GradientNorms norms = GradientNorms.of(model);
    String table = norms.table();
    assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"),
        norms.rows().stream().map(Row::name).toList());
    assertTrue(table.startsWith("Parameter"), table);
    for (String name : List.of("0.weight", "0.bias")) {
      assertFalse(row(norms, name).gradNorm().isPresent());
      assertTrue(line(table, name).matches(".*\\d\\s+-\\s+-"), table);
    }
    assertTrue(row(norms, "2.weight").gradNorm().isPresent());
    assertFalse(line(table, "2.weight").contains(" -"), table);
  }

  @Test
  void gradientsVanishTowardsTheInputOfADeepSigmoidNetwork() {
    Rng rng = new Rng(3);
    List<Module> layers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      layers.add(new Linear(8, 8, rng));
      layers.add(new Sigmoid());
    }
    Sequential model = new Sequential(layers.toArray(Module[]::new));
    model.call(Tensor.randn(rng, 32, 8)).square().mean().backward();
    GradientNorms norms = GradientNorms.of(model);
    // Each layer on the way back multiplies the gradient by sigmoid' <= 1/4 and by a weight matrix with entries
    // below 1/sqrt(8) in magnitude, so five layers shrink it by orders of magnitude.
    double first = row(norms, "0.weight").gradNorm().orElseThrow();
    double last = row(norms, "10.weight").gradNorm().orElseThrow();
    assertTrue(first < last / 100, "first " + first + ", last " + last);
  }
}
