package dev.chainrule.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.testing.Generators;
import dev.chainrule.nn.Module;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class Dropout2dTest {
  @Property(tries = 30)
  void zeroesWholeChannelsAndScalesTheOthersByOneOverOneMinusP(@ForAll @IntRange(min = 1, max = 4) int n,
      @ForAll @IntRange(min = 1, max = 4) int c, @ForAll @IntRange(min = 1, max = 3) int h,
      @ForAll @IntRange(min = 1, max = 3) int w, @ForAll @DoubleRange(min = 0, max = 0.9) double p,
      @ForAll long seed) {
    Tensor x = Generators.uniform(Shape.of(n, c, h, w), seed, 0.5, 1.5);
    double[] in = x.toDoubleArray();
    double[] out = new Dropout2d(p, new Rng(seed)).call(x).toDoubleArray();
    // the mask is the documented draw: Tensor.rand(rng, n, c, 1, 1) >= p
    double[] u = Tensor.rand(new Rng(seed), n, c, 1, 1).toDoubleArray();
    int plane = h * w;
    for (int k = 0; k < n * c; k++) {
      for (int i = k * plane; i < (k + 1) * plane; i++) {
        assertEquals(u[k] >= p ? in[i] / (1 - p) : 0, out[i], 1e-6, "sample-channel " + k + ", element " + i);
      }
    }
  }

  @Test
  void dropsAboutPOfTheChannels() {
    double p = 0.25;
    Tensor x = Tensor.ones(400, 50, 2, 2);
    double[] out = new Dropout2d(p, new Rng(4)).call(x).toDoubleArray();
    int dropped = 0;
    for (int k = 0; k < 400 * 50; k++) {
      dropped += out[4 * k] == 0 ? 1 : 0;
    }
    int channels = 400 * 50;
    assertEquals(p, (double) dropped / channels, 5 * Math.sqrt(p * (1 - p) / channels));
  }

  @Test
  void theSameSeedGivesTheSameMasksAndEvaluationDrawsNothing() {
    Tensor x = Tensor.ones(3, 4, 2, 2);
    Dropout2d first = new Dropout2d(0.5, new Rng(8));
    Dropout2d second = new Dropout2d(0.5, new Rng(8));
    assertArrayEquals(first.call(x).toFloatArray(), second.call(x).toFloatArray());
    try (var eval = Module.evaluating()) {
      assertSame(x, first.call(x));
    }
    first.eval();
    assertSame(x, first.call(x));
    first.train();
    assertArrayEquals(second.call(x).toFloatArray(), first.call(x).toFloatArray(), "evaluation drew nothing");
  }

  @Test
  void gradientChecksThroughTheMask() {
    Tensor x = Generators.uniform(Shape.of(2, 3, 2, 2), 1, -1, 1).requiresGrad();
    GradCheck.check(in -> new Dropout2d(0.4, new Rng(6)).call(in[0]), x);
  }

  @Test
  void needsFeatureMaps() {
    var e = assertThrows(IllegalArgumentException.class, () -> new Dropout2d(0.5, new Rng(1)).call(Tensor.ones(2, 3)));
    assertTrue(e.getMessage().contains("Dropout2d") && e.getMessage().contains("(2, 3)"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Dropout2d(1, new Rng(1)));
    assertEquals("Dropout2d(p=0.5)", new Dropout2d(0.5, new Rng(1)).toString());
  }
}
