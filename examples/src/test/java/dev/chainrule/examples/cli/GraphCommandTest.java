package dev.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphCommandTest {
  @TempDir
  Path temp;

  /** Exit code, standard output and standard error of {@code chainrule graph ARGS}. */
  private static CliRun graph(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "graph";
    System.arraycopy(args, 0, all, 1, args.length);
    return CliRun.of(all);
  }

  @Test
  void theDefaultIsTheTextDumpOfTheLogisticRegressionBeforeBackward() {
    CliRun run = graph();
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().startsWith("L ("), run.out());
    for (String name : List.of("w (", "x (", "b (", "z (", "a (", "Sigmoid")) {
      assertTrue(run.out().contains(name), name + " missing from\n" + run.out());
    }
    assertFalse(run.out().contains("grad"), "no gradients before backward:\n" + run.out());
  }

  @Test
  void backwardAddsTheGradients() {
    CliRun run = graph("--backward");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("w (t") && run.out().contains(", grad "), run.out());
  }

  @Test
  void eachFormatHasItsOwnSyntax() {
    assertTrue(graph("--format", "dot").out().startsWith("digraph"));
    assertTrue(graph("--format", "mermaid").out().startsWith("flowchart LR"));
    String json = graph("--format", "json", "--model", "expression").out().strip();
    assertTrue(json.startsWith("{") && json.endsWith("}") && json.contains("\"nodes\""), json);
    assertTrue(graph("--format", "TEXT").out().startsWith("L ("));
  }

  @Test
  void narrateTellsTheMlpBackwardPassWithFormulasAndShapes() {
    CliRun run = graph("--model", "mlp", "--narrate");
    assertEquals(0, run.code(), run.err());
    // The layers compute X W^T (nn.Linear), so the weight's gradient is the upstream transposed times the input.
    assertTrue(run.out().contains("  dL/dW1 (3, 4) += dL/dt14^T (3, 4) @ X (4, 4)  (MatMul)"), run.out());
    assertTrue(run.out().contains("  dL/db1 (3,) += dL/dZ1 (4, 3), summed over the broadcast axes  (Add)"),
        run.out());
    assertTrue(run.out().contains("  dL/dZ1 (4, 3) += dL/dH (4, 3) * (1 - H^2)  (Tanh)"), run.out());
    assertTrue(run.out().contains("W1 (t1): parameter, (3, 4) float32") && run.out().contains(", grad "),
        "the dump is made before and shown after backward:\n" + run.out());
  }

  @Test
  void narrateOnTheExpressionShowsBothUsesOfA() {
    CliRun run = graph("--model", "expression", "--narrate");
    assertEquals(2, run.out().lines().filter(line -> line.startsWith("  dL/da += ")).count(), run.out());
  }

  @Test
  void outWritesTheDumpToAFile() throws IOException {
    Path file = temp.resolve("sub/logistic.mmd");
    CliRun run = graph("--format", "mermaid", "--out", file.toString());
    assertEquals(0, run.code(), run.err());
    assertEquals("wrote " + file, run.out().strip());
    assertTrue(Files.readString(file).startsWith("flowchart LR"));
  }

  @Test
  void anSvgFileIsRenderedThroughDot() throws IOException {
    Path svg = temp.resolve("mlp.svg");
    CliRun run = graph("--model", "mlp", "--backward", "--out", svg.toString());
    assertEquals(0, run.code(), run.err());
    Path dot = temp.resolve("mlp.dot");
    assertTrue(Files.readString(dot).startsWith("digraph"));
    if (run.out().contains("Graphviz is not installed")) {
      assertFalse(Files.exists(svg));
    } else {
      assertTrue(Files.readString(svg).contains("<svg"), run.out());
    }
  }

  @Test
  void anUnknownModelOrFormatIsAUsageErrorNamingTheChoices() {
    CliRun model = graph("--model", "resnet");
    assertEquals(2, model.code());
    assertTrue(model.err().contains("unknown model 'resnet'; choose one of logistic, mlp, matmul, expression"),
        model.err());
    CliRun format = graph("--format", "png");
    assertEquals(2, format.code());
    assertTrue(format.err().contains("unknown format 'png'; choose one of text, dot, mermaid, json"), format.err());
    CliRun option = graph("--depth");
    assertEquals(2, option.code());
    assertTrue(option.err().contains("--depth"), option.err());
  }

  @Test
  void theReadmesMermaidDumpIsWhatTheCommandPrints() throws IOException {
    String readme = Files.readString(Path.of("").toAbsolutePath().getParent().resolve("README.md"));
    int start = readme.indexOf("```mermaid\n");
    assertTrue(start >= 0, "README shows no Mermaid dump");
    String shown = readme.substring(start + "```mermaid\n".length(), readme.indexOf("```", start + 3));
    assertEquals(graph("--model", "expression", "--backward", "--format", "mermaid").out(), shown,
        "regenerate it with ./chainrule graph --model expression --backward --format mermaid");
  }

  @Test
  void theMlpsLayersAreClustersThatCollapseIntoOneBox() {
    String clustered = graph("--model", "mlp").out();
    assertTrue(clustered.contains("MatMul (op0) [Mlp / hidden (Linear)]"), clustered);
    String collapsed = graph("--model", "mlp", "--collapse", "hidden (Linear)").out();
    assertTrue(collapsed.contains("hidden (Linear) (m0) [Mlp]: module (4, 4) -> (4, 3), 2 ops, 2 parameters"),
        collapsed);
    assertFalse(collapsed.contains("W1"), "the collapsed layer hides its parameters:\n" + collapsed);
    assertTrue(collapsed.contains("W2 (t"), collapsed);
    assertTrue(graph("--model", "mlp", "--collapse-depth", "1").out()
        .contains("Mlp (m0): module (4, 4) -> (4, 3), 5 ops, 4 parameters"));
  }

  @Test
  void depthCutsTheGraphWithANote() {
    String cut = graph("--model", "mlp", "--depth", "2").out();
    assertTrue(cut.contains("... 23 nodes not shown"), cut);
    assertFalse(cut.contains("W1"), cut);
  }

  @Test
  void explodeShowsTheMatrixProductAsScalarsWithTheTensorsGradients() {
    CliRun run = graph("--model", "matmul", "--explode", "Y", "--backward");
    assertEquals(0, run.code(), run.err());
    // Y = A B with dL/dY = Y; dL/dA = Y B^T, so dL/dA[0,0] = 4.5 * 0.5 + 1 * (-1) = 1.25
    assertTrue(run.out().contains("Y[0,0] (t10): from Add, () float64, value 4.5, grad 4.5"), run.out());
    assertTrue(run.out().contains("A[0,0] (t0): parameter, () float64, value 1, grad 1.25"), run.out());
    assertEquals(12, run.out().lines().filter(line -> line.strip().startsWith("Mul (op")).count(), run.out());
  }

  @Test
  void explodeOrCollapseOfSomethingAbsentNamesWhatThereIs() {
    CliRun label = graph("--model", "mlp", "--explode", "Q");
    assertEquals(2, label.code());
    assertTrue(label.err().contains("no tensor is labelled 'Q'") && label.err().contains("W1, W2, X, Z1"),
        label.err());
    CliRun module = graph("--model", "mlp", "--collapse", "nope");
    assertEquals(2, module.code());
    assertTrue(module.err().contains("cannot collapse 'nope'"), module.err());
  }
}
