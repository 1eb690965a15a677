package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.GraphScope;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.dump.GraphDump;
import dev.chainrule.autodiff.testing.Graphviz;
import dev.chainrule.autodiff.testing.Requirements;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.layers.Sequential;
import dev.chainrule.nn.layers.Tanh;
import dev.chainrule.nn.loss.MSELoss;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Module#call} opens a graph scope per module, so dumps of a network group each layer's nodes into a
 * cluster named as in {@link Module#summary}, and can collapse layers into boxes. Golden files: a two-layer MLP
 * (2 samples, 3 -> 4 -> 2, tanh, MSE) clustered, with its layers collapsed, and clustered after backward; run with
 * {@code -DupdateGoldens=true} to rewrite them after an intended change, then read the diff.
 */
class ModuleGraphDumpTest {
  private static final Path GOLDEN_DIR = Path.of("src/test/resources/dev/chainrule/nn");

  private static Sequential mlp() {
    Rng rng = new Rng(7);
    return new Sequential(new Linear(3, 4, rng), new Tanh(), new Linear(4, 2, rng));
  }

  private static Tensor mlpLoss(Sequential model) {
    Tensor x = Tensor.of(new float[][] {{1, -0.5f, 2}, {0, 1.5f, -1}}).named("x");
    Tensor target = Tensor.of(new float[][] {{1, 0}, {0, 1}}).named("target");
    return new MSELoss().apply(model.call(x).named("prediction"), target).named("loss");
  }

  @Test
  void scopesAreNamedAsTheRowsOfTheSummary() {
    Sequential model = mlp();
    List<String> rows = model.summary(2, 3).rows().stream().map(r -> r.name() + " (" + r.type() + ")").toList();
    assertEquals(List.of("0 (Linear)", "1 (Tanh)", "2 (Linear)"), rows);
    assertEquals(rows, model.children().stream().map(Module::scopeName).toList());
    assertEquals("Sequential", model.scopeName());
  }

  @Test
  void nestedModulesRecordNestedScopes() {
    ModuleTest.AutoEncoder model = new ModuleTest.AutoEncoder(new Rng(1));
    Tensor y = model.call(Tensor.ones(2, 4));
    String text = GraphDump.of(y.sum()).toText();
    assertTrue(text.contains("MatMul (op0) [AutoEncoder / encoder (Sequential) / 0 (Linear)]"), text);
    assertTrue(text.contains("MatMul (op") && text.contains(") [AutoEncoder / decoder (Linear)]"), text);
    // The own parameter 'scale' is read in AutoEncoder's forward: its Mul lies in the AutoEncoder scope only.
    assertTrue(text.contains("Mul (op") && text.contains(") [AutoEncoder]: d(a*b)/da = b"), text);
    String collapsed = GraphDump.of(y.sum()).collapse("encoder (Sequential)").toText();
    assertTrue(collapsed.contains("encoder (Sequential) (m0) [AutoEncoder]: module (2, 4) -> (2, 3)"), collapsed);
    assertNull(GraphScope.current());
  }

  @Test
  void theScopeClosesWhenForwardThrows() {
    Sequential model = mlp();
    assertThrows(IllegalArgumentException.class, () -> model.call(Tensor.ones(2, 5)));
    assertNull(GraphScope.current());
    assertNotNull(model.call(Tensor.ones(2, 3)));
  }

  @Test
  void aLayersParametersAreHiddenInItsBox() {
    Sequential model = mlp();
    String dot = GraphDump.of(mlpLoss(model)).collapse("0 (Linear)").toDot();
    assertTrue(dot.contains("label=\"0 (Linear)\\n(2, 3) -> (2, 4)\\n2 ops, 2 parameters\"];"), dot);
    assertTrue(dot.contains("(2, 4) float32") && !dot.contains("(4, 3) float32"), dot);
  }

  @ParameterizedTest
  @CsvSource({"dot", "mmd", "txt"})
  void mlpGoldens(String extension) throws Exception {
    Function<GraphDump, String> format = switch (extension) {
      case "dot" -> GraphDump::toDot;
      case "mmd" -> GraphDump::toMermaid;
      default -> GraphDump::toText;
    };
    Tensor loss = mlpLoss(mlp());
    GraphDump dump = GraphDump.of(loss);
    String clustered = format.apply(dump);
    String collapsed = format.apply(dump.collapseDepth(2));
    loss.backward();
    String after = format.apply(dump);
    compare("mlp-clustered." + extension, clustered);
    compare("mlp-collapsed." + extension, collapsed);
    compare("mlp-after." + extension, after);
    if (extension.equals("dot")) {
      Requirements.requireGraphviz();
      Graphviz.svg("mlp-clustered", clustered);
      Graphviz.svg("mlp-collapsed", collapsed);
      Graphviz.svg("mlp-after", after);
    }
  }

  private static void compare(String name, String actual) throws IOException {
    if (Boolean.getBoolean("updateGoldens")) {
      Files.writeString(GOLDEN_DIR.resolve(name), actual, StandardCharsets.UTF_8);
      return;
    }
    try (InputStream in = ModuleGraphDumpTest.class.getResourceAsStream(name)) {
      assertNotNull(in, "no golden file " + name + "; generate it with -DupdateGoldens=true and read it");
      assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual, name);
    }
  }
}
