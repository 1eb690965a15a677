package dev.chainrule.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.check.GradCheck;
import dev.chainrule.autodiff.testing.Generators;
import dev.chainrule.nn.Module;
import org.junit.jupiter.api.Test;

class DropoutTest {
  @Test
  void zeroesAboutPOfTheEntriesAndScalesTheRestInTraining() {
    double p = 0.3;
    int n = 100_000;
    Tensor x = Tensor.uniform(new Rng(1), 0.5, 1.5, n);
    double[] in = x.toDoubleArray();
    double[] out = new Dropout(p, new Rng(2)).forward(x).toDoubleArray();
    int zeros = 0;
    for (int i = 0; i < n; i++) {
      if (out[i] == 0) {
        zeros++;
      } else {
        assertEquals(in[i] / (1 - p), out[i], 1e-6);
      }
    }
    // binomial: standard deviation of the fraction is sqrt(p (1 - p) / n) ~ 0.0014; allow 5 of them
    assertEquals(p, (double) zeros / n, 5 * Math.sqrt(p * (1 - p) / n));
  }

  @Test
  void isTheIdentityInEvaluation() {
    Dropout dropout = new Dropout(0.5, new Rng(3));
    dropout.eval();
    Tensor x = Tensor.ones(10);
    assertSame(x, dropout.forward(x));
  }

  @Test
  void inferenceDrawsNothingFromTheRandomStream() {
    Tensor x = Tensor.ones(64);
    Dropout used = new Dropout(0.5, new Rng(5));
    try (var eval = Module.evaluating()) {
      assertSame(x, used.call(x));
    }
    used.eval();
    used.call(x);
    used.train();
    assertArrayEquals(new Dropout(0.5, new Rng(5)).forward(x).toDoubleArray(), used.forward(x).toDoubleArray(),
        "the first training mask after inference must be the seed's first mask");
  }

  @Test
  void sameSeedSameMasksAndEachCallANewOne() {
    Tensor x = Tensor.ones(64);
    Dropout a = new Dropout(0.5, new Rng(4));
    Dropout b = new Dropout(0.5, new Rng(4));
    double[] first = a.forward(x).toDoubleArray();
    assertArrayEquals(first, b.forward(x).toDoubleArray());
    assertArrayEquals(a.forward(x).toDoubleArray(), b.forward(x).toDoubleArray());
    assertEquals(false, java.util.Arrays.equals(first, a.forward(x).toDoubleArray()));
  }

  @Test
  void rejectsPOutsideZeroToOne() {
    assertThrows(IllegalArgumentException.class, () -> new Dropout(1, new Rng(0)));
    assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1, new Rng(0)));
  }

  @Test
  void gradientChecksInFloat64WithAFixedMask() {
    Tensor x = Generators.uniform(Shape.of(4, 5), 5, -1, 1).requiresGrad();
    GradCheck.check(in -> new Dropout(0.4, new Rng(6)).forward(in[0]), x);
  }
}
