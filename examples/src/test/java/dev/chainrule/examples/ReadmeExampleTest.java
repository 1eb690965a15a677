package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ReadmeExampleTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @Test
  void readmeShowsExactlyTheCodeThatRuns() throws IOException {
    List<String> readme = codeLines(javaBlock(Files.readAllLines(ROOT.resolve("README.md"))));
    List<String> source = codeLines(between(Files.readAllLines(
        ROOT.resolve("examples/src/main/java/dev/chainrule/examples/ReadmeExample.java")), "// README-BEGIN",
        "// README-END"));
    assertFalse(source.isEmpty());
    assertEquals(source, readme);
  }

  @Test
  void gettingStartedShowsExactlyTheCodeThatRuns(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    List<String> guide = codeLines(javaBlock(Files.readAllLines(ROOT.resolve("docs/getting-started.md"))));
    List<String> source = codeLines(between(Files.readAllLines(
        ROOT.resolve("examples/src/main/java/dev/chainrule/examples/GettingStarted.java")), "// GUIDE-BEGIN",
        "// GUIDE-END"));
    assertFalse(source.isEmpty());
    assertEquals(source, guide);
    PrintStream original = System.out;
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    double accuracy;
    try {
      accuracy = GettingStarted.run(dir);
    } finally {
      System.setOut(original);
    }
    org.junit.jupiter.api.Assertions.assertTrue(accuracy >= 0.95, "accuracy " + accuracy);
    org.junit.jupiter.api.Assertions.assertTrue(Files.exists(dir.resolve("loss.svg")));
  }

  @Test
  void printsTheLossAndGradientsWorkedIndependently() {
    // mean((sigmoid(x w + b) - y)^2) and its gradients, in plain doubles.
    double[][] x = {{1, 2}, {3, 4}, {5, 6}};
    double[] y = {1, 0, 1};
    double loss = 0;
    double[] dw = new double[2];
    double db = 0;
    for (int i = 0; i < 3; i++) {
      double a = 1 / (1 + Math.exp(-(0.1 * x[i][0] - 0.2 * x[i][1])));
      loss += (a - y[i]) * (a - y[i]) / 3;
      double dz = 2 * (a - y[i]) * a * (1 - a) / 3;
      dw[0] += dz * x[i][0];
      dw[1] += dz * x[i][1];
      db += dz;
    }
    String out = run();
    String first = out.lines().findFirst().orElseThrow();
    assertEquals(String.format(Locale.ROOT, "tensor(%.4f, shape=(), dtype=float64, gradFn=", loss),
        first.substring(0, first.indexOf("gradFn=") + "gradFn=".length()));
    assertEquals(String.format(Locale.ROOT, "tensor([%.4f, %.4f], shape=(2,), dtype=float64)", dw[0], dw[1]),
        out.lines().skip(1).findFirst().orElseThrow());
    assertEquals(String.format(Locale.ROOT, "tensor([%.4f], shape=(1,), dtype=float64)", db),
        out.lines().skip(2).findFirst().orElseThrow());
  }

  private static String run() {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      ReadmeExample.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** The lines of the first fenced {@code java} block. */
  private static List<String> javaBlock(List<String> lines) {
    return between(lines, "```java", "```");
  }

  private static List<String> between(List<String> lines, String begin, String end) {
    List<String> out = new ArrayList<>();
    boolean inside = false;
    for (String line : lines) {
      if (!inside && line.trim().equals(begin)) {
        inside = true;
      } else if (inside && line.trim().equals(end)) {
        return out;
      } else if (inside) {
        out.add(line);
      }
    }
    return out;
  }

  /** Trimmed, non-blank lines that are not imports: what must match between README and the source. */
  private static List<String> codeLines(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      String t = line.trim();
      if (!t.isEmpty() && !t.startsWith("import ")) {
        out.add(t);
      }
    }
    return out;
  }
}
