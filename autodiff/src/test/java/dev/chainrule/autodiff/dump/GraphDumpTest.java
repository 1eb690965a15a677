package dev.chainrule.autodiff.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphDumpTest {

  @Test
  void largeTensorsShowStatistics() {
    Tensor big = Tensor.arange(12).requiresGrad().named("big");
    Tensor loss = big.mul(big).sum();
    GraphDump dump = GraphDump.of(loss);
    loss.backward();
    String text = dump.toText();
    // 0..11: mean 5.5, norm sqrt(506) = 22.49; the grad 2x: max 22, mean 11, norm sqrt(2024) = 44.99.
    assertTrue(text.contains("big (t0): parameter, (12,) float32, value min 0 max 11 mean 5.5 norm 22.49 nan 0 inf 0,"
        + " grad min 0 max 22 mean 11 norm 44.99 nan 0 inf 0"), text);
    assertTrue(dump.toJson().contains("\"value\": {\"min\": 0.0, \"max\": 11.0, \"mean\": 5.5"), dump.toJson());
  }

  @Test
  void highlightMarksOneOpInDotMermaidAndText() {
    Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad().named("x");
    Tensor y = x.mul(x);
    Tensor z = y.sum();
    GraphDump dump = GraphDump.of(z).highlight(y.gradFn(), "look here");
    assertTrue(dump.toText().contains("Mul (op0): d(a*b)/da = b, d(a*b)/db = a  <-- look here\n"), dump.toText());
    assertTrue(dump.toDot().contains("op0 [shape=ellipse, style=filled, fillcolor=\"#fff2cc\", color=red, penwidth=3,"),
        dump.toDot());
    assertFalse(dump.toDot().contains("op1 [shape=ellipse, style=filled, fillcolor=\"#fff2cc\", color=red"));
    assertTrue(dump.toMermaid().contains("<br/>look here\"])\n"), dump.toMermaid());
    assertTrue(dump.toMermaid().endsWith("  class op0 highlight\n"), dump.toMermaid());
    assertEquals(GraphDump.of(z).toJson(), dump.toJson());
  }

  @Test
  void highlightRefusesANodeOutsideTheDump() {
    Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad();
    Tensor other = x.neg();
    GraphDump dump = GraphDump.of(x.exp());
    assertThrows(IllegalArgumentException.class, () -> dump.highlight(other.gradFn(), "no"));
  }

  @Test
  void statisticsCountNonFiniteValuesApart() {
    ValueSummary.Stats s = ValueSummary.Stats.of(new double[] {1, Double.NaN, -3, Double.POSITIVE_INFINITY});
    assertEquals(new ValueSummary.Stats(-3, 1, -1, Math.sqrt(10), 1, 1), s);
  }

  @Test
  void numbersHaveFourSignificantDigits() {
    assertEquals("0.7006", ValueSummary.number(0.700567142473973));
    assertEquals("1.2", ValueSummary.number(1.2000000000000002));
    assertEquals("1.235e+07", ValueSummary.number(12345678));
    assertEquals("-inf", ValueSummary.number(Double.NEGATIVE_INFINITY));
  }

  @Test
  void smallMatricesKeepTheirRows() {
    Tensor m = Tensor.of(new double[][] {{1, 2}, {3, 4}});
    assertEquals("[[1, 2], [3, 4]]", ValueSummary.describe(m));
  }

  @Test
  void maxNodesCutsTheWalkAndSaysWhatWasLeftOut() {
    GraphDump dump = GraphDump.of(GraphDumpGoldenTest.logisticLoss(), 2);
    String text = dump.toText();
    // Kept: Neg and Add at the root; left out: 10 ops and the 14 values only they touch.
    assertTrue(text.endsWith("... 24 nodes not shown\n"), text);
    assertTrue(text.contains("from Mul (not shown)"), text);
    assertTrue(dump.toDot().contains("not_shown [shape=note, label=\"... 24 nodes not shown\"]"), dump.toDot());
    assertTrue(dump.toMermaid().contains("not_shown[\"... 24 nodes not shown\"]"), dump.toMermaid());
    assertTrue(dump.toJson().contains("\"notShown\": 24"), dump.toJson());
    assertThrows(IllegalArgumentException.class, () -> GraphDump.of(GraphDumpGoldenTest.logisticLoss(), 0));
  }

  @Test
  void idsDoNotDependOnWhatRanBefore() {
    String first = GraphDump.of(GraphDumpGoldenTest.logisticLoss()).toJson();
    GraphDumpGoldenTest.logisticLoss().backward();
    String second = GraphDump.of(GraphDumpGoldenTest.logisticLoss()).toJson();
    assertEquals(first, second);
  }

  @Test
  void jsonParses() {
    Tensor loss = GraphDumpGoldenTest.logisticLoss();
    GraphDump dump = GraphDump.of(loss, 3);
    JsonSyntax.check(dump.toJson());
    loss.backward();
    JsonSyntax.check(dump.toJson());
    Tensor odd = Tensor.of(new double[] {Double.NaN, 1}).named("quote \" and \\ and \n").requiresGrad();
    JsonSyntax.check(GraphDump.of(odd.log()).toJson());
    assertThrows(IllegalArgumentException.class, () -> JsonSyntax.check("{\"a\": 1,}"));
  }

  @Test
  void labelsAreEscapedInEveryFormat() {
    Tensor x = Tensor.of(new double[] {1, 2}).named("a \"b\" {c|d} <e>").requiresGrad();
    GraphDump dump = GraphDump.of(x.relu());
    assertTrue(dump.toDot().contains("{a \\\"b\\\" \\{c\\|d\\} \\<e\\> (t0)|"), dump.toDot());
    assertTrue(dump.toMermaid().contains("a #quot;b#quot; {c|d} #lt;e#gt; (t0)<br/>"), dump.toMermaid());
    assertTrue(dump.toMermaid().contains("dy/dx = (x #gt; 0)"), dump.toMermaid());
  }

  @Test
  void aLeafIsADumpOfOneNode() {
    String text = GraphDump.of(Tensor.scalar(2).named("c")).toText();
    assertEquals("c (t0): constant, () float32, value 2\n", text);
  }

  @Test
  void aFreedGraphIsRefusedWithTheWayOut() {
    Tensor loss = GraphDumpGoldenTest.logisticLoss();
    loss.backward();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> GraphDump.of(loss));
    assertTrue(e.getMessage().contains("make the dump before backward"), e.getMessage());
  }

  @Test
  void renderWritesTheDotFileAndSaysHowToRenderIt(@TempDir Path dir) throws IOException {
    GraphDump dump = GraphDump.of(GraphDumpGoldenTest.logisticLoss());
    Path dot = dir.resolve("loss.dot");
    String message = dump.render(dot, "svg");
    assertEquals(dump.toDot(), Files.readString(dot));
    if (message.startsWith("Graphviz is not installed")) {
      assertTrue(message.contains("apt-get install graphviz") && message.contains("dot -Tsvg " + dot + " -o "
          + dir.resolve("loss.svg")), message);
    } else {
      assertTrue(Files.size(dir.resolve("loss.svg")) > 0, message);
    }
    assertThrows(IllegalArgumentException.class, () -> dump.render(dot, "-o /etc/x"));
    assertFalse(message.isBlank());
  }
}
