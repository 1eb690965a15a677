package dev.chainrule.autodiff.dump;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.graph.Node;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A dump of the graph that produced a tensor, as Graphviz DOT, Mermaid, indented text or JSON.
 *
 * <p>Value nodes show their label (from {@link Tensor#named}), origin (parameter, constant or the op that made
 * them), shape, dtype, value and, when {@link Tensor#grad} is set, gradient: in full to 4 significant digits up
 * to 8 elements, as min, max, mean, norm and NaN/Inf counts beyond. Op nodes show the op's
 * {@link dev.chainrule.autodiff.Function#derivativeRule}. Parameters (leaves that need a gradient) are drawn
 * apart from constants and intermediates. Ids ({@code t0, op0, ...}) follow creation order within the dump.
 *
 * <p>The structure is collected by {@link #of}; values and gradients are read by each {@code to...} call. Since
 * backward frees the graph, make the dump before backward and render it after to see the gradients:
 *
 * <pre>{@code
 * GraphDump dump = GraphDump.of(loss);
 * String before = dump.toText();
 * loss.backward();
 * String after = dump.toText();          // now with grads of the parameters and retained intermediates
 * dump.render(Path.of("loss.dot"), "svg");
 * }</pre>
 */
public final class GraphDump {
  private final DumpGraph graph;
  private final Highlight highlight;

  private GraphDump(DumpGraph graph, Highlight highlight) {
    this.graph = graph;
    this.highlight = highlight;
  }

  /** The whole graph behind {@code root}. */
  public static GraphDump of(Tensor root) {
    return of(root, Integer.MAX_VALUE);
  }

  /**
   * The graph behind {@code root} cut to the {@code maxNodes} op nodes nearest the root (breadth first); the
   * dump ends with a note {@code ... N nodes not shown} counting the values and ops left out.
   *
   * @throws IllegalArgumentException if {@code maxNodes < 1}
   * @throws IllegalStateException if backward already freed the graph
   */
  public static GraphDump of(Tensor root, int maxNodes) {
    checkNotNull(root, "graph dump: root tensor is null");
    return new GraphDump(DumpGraph.collect(root, maxNodes), Highlight.NONE);
  }

  /**
   * This dump with the op node {@code node} drawn apart and annotated with {@code note}: a red border in DOT, a
   * red class in Mermaid, {@code <-- note} after the op in text. JSON is unchanged. Replaces an earlier
   * highlight.
   *
   * @throws IllegalArgumentException if {@code node} is not an op node of this dump
   */
  public GraphDump highlight(Node node, String note) {
    checkNotNull(node, "highlight: node is null");
    checkNotNull(note, "highlight: note is null");
    checkArgument(graph.ops.stream().anyMatch(op -> op.node() == node),
        "highlight: %s is not an op node of this dump", node);
    return new GraphDump(graph, new Highlight(node, note));
  }

  /** Graphviz DOT; render with {@link #render} or {@code dot -Tsvg file.dot -o file.svg}. */
  public String toDot() {
    return DotWriter.write(graph, highlight);
  }

  /** A Mermaid flowchart ({@code flowchart LR}), shown by GitHub inside a {@code ```mermaid} block. */
  public String toMermaid() {
    return MermaidWriter.write(graph, highlight);
  }

  /** An indented tree from the root. */
  public String toText() {
    return TextWriter.write(graph, highlight);
  }

  /** JSON with {@code root}, {@code notShown}, {@code nodes} and {@code edges}. */
  public String toJson() {
    return JsonWriter.write(graph);
  }

  /**
   * Writes {@link #toDot} to {@code dotFile} and, when Graphviz is on the PATH, runs {@code dot -T<format>} to
   * the same name with the extension {@code format} (e.g. {@code svg}, {@code png}).
   *
   * @return what was written, or, without Graphviz, how to install it and render the DOT file
   * @throws IOException if the file cannot be written or {@code dot} fails
   */
  public String render(Path dotFile, String format) throws IOException {
    checkNotNull(dotFile, "render: dotFile is null");
    checkNotNull(format, "render: format is null");
    return GraphRenderer.render(toDot(), dotFile, format);
  }

  @Override
  public String toString() {
    return toText();
  }
}
