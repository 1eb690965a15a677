package dev.chainrule.nn.layers;

import static dev.chainrule.nn.Tensors.float64Leaf;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.testing.Generators;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class LinearProperties {
  @Property(tries = 15)
  void gradientChecksForAnySizes(@ForAll @IntRange(min = 1, max = 4) int batch,
      @ForAll @IntRange(min = 1, max = 5) int in, @ForAll @IntRange(min = 1, max = 4) int out,
      @ForAll long seed) {
    Linear layer = new Linear(in, out, new Rng(seed));
    GradCheck.check(t -> layer.forwardWith(Map.of("weight", t[1], "bias", t[2]), t[0]),
        float64Leaf(Generators.uniform(Shape.of(batch, in), seed, -1, 1)), float64Leaf(layer.weight()),
        float64Leaf(layer.bias()));
  }
}
