package dev.chainrule.autodiff.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The logistic-regression example of {@code ChainRuleExample} on one sample, dumped before and after backward
 * in every format and compared exactly with golden files. Run with {@code -DupdateGoldens=true} to rewrite
 * them after an intended change, then read the diff.
 */
class GraphDumpGoldenTest {
  private static final Path GOLDEN_DIR = Path.of("src/test/resources/dev/chainrule/autodiff/dump");

  /** {@code z = w . x + b, a = sigmoid(z), L = -(y ln a + (1 - y) ln(1 - a))} with y = 1. */
  static Tensor logisticLoss() {
    double y = 1;
    Tensor x = Tensor.of(new double[] {1.5, -0.5}).named("x");
    Tensor w = Tensor.of(new double[] {0.8, 0.3}).named("w").requiresGrad();
    Tensor b = Tensor.scalar(DType.FLOAT64, -0.2).named("b").requiresGrad();
    Tensor z = w.mul(x).sum().add(b).named("z").retainGrad();
    Tensor a = z.sigmoid().named("a").retainGrad();
    return a.log().mul(y).add(a.neg().add(1).log().mul(1 - y)).neg().named("L");
  }

  @ParameterizedTest
  @CsvSource({"dot", "mmd", "txt", "json"})
  void logisticRegressionBeforeAndAfterBackward(String extension) throws IOException {
    Function<GraphDump, String> format = switch (extension) {
      case "dot" -> GraphDump::toDot;
      case "mmd" -> GraphDump::toMermaid;
      case "txt" -> GraphDump::toText;
      default -> GraphDump::toJson;
    };
    Tensor loss = logisticLoss();
    GraphDump dump = GraphDump.of(loss);
    String before = format.apply(dump);
    loss.backward();
    String after = format.apply(dump);
    compare("logistic-before." + extension, before);
    compare("logistic-after." + extension, after);
  }

  /**
   * A (2, 3) by (3, 2) product exploded into its scalar graph, after backward from an upstream gradient of ones:
   * every leaf's gradient is the sum of the elements of the other matrix it meets.
   */
  @ParameterizedTest
  @CsvSource({"dot", "mmd", "txt"})
  void explodedMatrixProduct(String extension) throws IOException {
    Tensor a = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}).named("A").requiresGrad();
    Tensor b = Tensor.of(new double[][] {{1, 0}, {0.5, -1}, {2, 1}}).named("B").requiresGrad();
    ScalarGraph scalars = ScalarGraph.explode(a.matmul(b).named("C"));
    scalars.backward(Tensor.ones(DType.FLOAT64, 2, 2));
    GraphDump dump = scalars.dump();
    compare("matmul-exploded." + extension, switch (extension) {
      case "dot" -> dump.toDot();
      case "mmd" -> dump.toMermaid();
      default -> dump.toText();
    });
  }

  private static void compare(String name, String actual) throws IOException {
    if (Boolean.getBoolean("updateGoldens")) {
      Files.writeString(GOLDEN_DIR.resolve(name), actual, StandardCharsets.UTF_8);
      return;
    }
    try (InputStream in = GraphDumpGoldenTest.class.getResourceAsStream(name)) {
      assertNotNull(in, "no golden file " + name + "; generate it with -DupdateGoldens=true and read it");
      assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual, name);
    }
  }
}
