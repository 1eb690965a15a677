package dev.chainrule.autodiff.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.GraphScope;
import dev.chainrule.autodiff.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every dump format grows linearly with the graph: a bounded number of bytes per node, however deep the graph
 * or its nesting of module scopes. The text dump indented each line by its depth, so a 4,001-op chain gave 80 MB
 * of text and a 16,001-op chain ran out of a 2 GB heap; these run in the default heap.
 */
class DumpSizeTest {
  private static final int OPS = 100_000;
  /** Generous for one value or op line with its id, shape, value and rule; far below a depth-long indent. */
  private static final int BYTES_PER_NODE = 400;

  /** {@code x + 1 + 1 + ...}: a chain of {@code OPS} adds, each with a scalar constant. */
  private static Tensor chain(Tensor x) {
    Tensor y = x;
    for (int i = 0; i < OPS; i++) {
      y = y.add(1);
    }
    return y;
  }

  private static void assertLinear(String format, String dump, int nodes) {
    double perNode = (double) dump.length() / nodes;
    assertTrue(perNode < BYTES_PER_NODE, format + ": " + dump.length() + " characters for " + nodes + " nodes ("
        + perNode + " per node)");
  }

  @Test
  void everyFormatOfAHundredThousandOpChainIsLinear() {
    Tensor x = Tensor.scalar(0).requiresGrad().named("x");
    Tensor y = chain(x);
    GraphDump dump = GraphDump.of(y);
    int nodes = 3 * OPS + 1; // each add: an op, its output and its constant; and x
    String text = dump.toText();
    assertLinear("text", text, nodes);
    assertTrue(text.startsWith("t" + (2 * OPS) + ": from Add, () float32, value 100000\n"), text.substring(0, 200));
    assertTrue(text.contains("[depth 200000] x (t0): parameter"), text.substring(text.length() - 300));
    assertLinear("dot", dump.toDot(), nodes);
    assertLinear("mermaid", dump.toMermaid(), nodes);
    assertLinear("json", dump.toJson(), nodes);
    BackwardTrace trace = BackwardTrace.record(y::backward);
    assertEquals(OPS + 2, trace.lines().size()); // the seed, one line per add, x's total
    assertLinear("backward trace", trace.toString(), nodes);
  }

  /**
   * A chain with every op one module scope deeper, so clusters nest 20,000 deep: the clustering, the collapsing
   * and the cluster indentation of DOT and Mermaid are linear. (The text and JSON formats write each op's whole
   * scope path, so their size is the number of nodes times the nesting depth.)
   */
  @Test
  void deeplyNestedScopesStayLinear() {
    int depth = 20_000;
    Tensor x = Tensor.scalar(0).requiresGrad().named("x");
    Tensor y = x;
    List<GradMode.Scope> scopes = new ArrayList<>();
    for (int i = 0; i < depth; i++) {
      scopes.add(GraphScope.enter("m"));
      y = y.neg();
    }
    for (int i = depth - 1; i >= 0; i--) {
      scopes.get(i).close();
    }
    GraphDump dump = GraphDump.of(y);
    int nodes = 2 * depth + 1;
    assertLinear("dot", dump.toDot(), nodes + depth);
    assertLinear("mermaid", dump.toMermaid(), nodes + depth);
    String collapsed = dump.collapseDepth(depth / 2).toDot();
    assertLinear("collapsed dot", collapsed, nodes + depth);
    assertTrue(collapsed.contains("m0 [shape=box3d, style=filled, fillcolor=\"#e2f0d9\", label=\"m\\n() -> ()\\n"
        + (depth / 2 + 1) + " ops, 0 parameters\"];"), "the inner half in one box");
  }

  /** A collapsed module that reads 100,000 values from outside lists each once, in a box of its own. */
  @Test
  void aCollapsedModuleWithManyInputsIsLinear() {
    int n = OPS;
    Tensor x = Tensor.scalar(0).requiresGrad();
    Tensor y = x;
    try (var scope = GraphScope.enter("wide")) {
      for (int i = 0; i < n; i++) {
        y = y.add(Tensor.of(new float[] {i}));
      }
    }
    GraphDump dump = GraphDump.of(y).collapse("wide");
    String dot = dump.toDot();
    assertLinear("collapsed dot", dot, 2 * n);
    assertTrue(dot.contains("\\n" + n + " ops, 1 parameter\"];"), dot.substring(0, 400));
  }
}
