package dev.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autodiff.check.GradCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Swish example in {@link Function}'s javadoc: the same code compiles here, runs, and passes GradCheck. */
class SwishExampleTest {

  // EXAMPLE-BEGIN
  final class Swish extends Function {
    private Tensor x;

    @Override
    protected Tensor forward(Tensor... inputs) {
      x = inputs[0];
      return x.mul(x.sigmoid());
    }

    @Override
    protected Tensor[] backward(Tensor g) {
      Tensor s = x.sigmoid();
      return new Tensor[] {g.mul(s.add(x.mul(s).mul(s.neg().add(1))))};
    }
  }

  @Test
  void theExampleRunsAndPassesGradCheck() {
    Tensor x = Tensor.of(new double[] {-1, 0.5, 2}).requiresGrad();
    Tensor y = new Swish().apply(x).sum();
    y.backward();
    GradCheck.check(in -> new Swish().apply(in[0]), x);   // passes
    // EXAMPLE-END
    double[] expected = new double[3];
    double[] values = {-1, 0.5, 2};
    for (int i = 0; i < 3; i++) {
      double s = 1 / (1 + Math.exp(-values[i]));
      expected[i] = s + values[i] * s * (1 - s);
    }
    assertArrayEquals(expected, x.grad().toDoubleArray(), 1e-15);
    assertEquals("Swish", new Swish().apply(x).gradFn().name(), "recorded like a built-in op");
  }

  @Test
  void secondDerivativeOfTheCustomOpMatchesFiniteDifferences() {
    Tensor x = Tensor.of(new double[] {-1, 0.5, 2}).requiresGrad();
    GradCheck.gradGrad(in -> new Swish().apply(in[0]), x);
  }

  @Test
  void javadocShowsExactlyThisCode() throws IOException {
    Path here = Path.of("src/test/java/dev/chainrule/autodiff/SwishExampleTest.java");
    Path function = Path.of("src/main/java/dev/chainrule/autodiff/Function.java");
    List<String> tested = new ArrayList<>();
    boolean inside = false;
    for (String line : Files.readAllLines(here)) {
      String t = line.trim();
      if (t.equals("// EXAMPLE-BEGIN") || t.equals("// EXAMPLE-END")) {
        inside = t.endsWith("BEGIN");
      } else if (inside && !t.isEmpty() && !t.startsWith("@Test") && !t.startsWith("void ")) {
        tested.add(t);
      }
    }
    List<String> documented = new ArrayList<>();
    inside = false;
    for (String line : Files.readAllLines(function)) {
      String t = line.trim().replaceFirst("^\\* ?", "").trim();
      if (t.equals("<pre>{@code") || t.equals("}</pre>")) {
        inside = t.startsWith("<pre>");
      } else if (inside && !t.isEmpty() && !t.equals("*")) {
        documented.add(t);
      }
    }
    assertEquals(documented, tested);
  }
}
