package dev.chainrule.autodiff.dump;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.graph.Node;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A dump of the graph that produced a tensor, as Graphviz DOT, Mermaid, indented text or JSON.
 *
 * <p>Value nodes show their label (from {@link Tensor#named}), origin (parameter, constant or the op that made
 * them), shape, dtype, value and, when {@link Tensor#grad} is set, gradient: in full to 4 significant digits up
 * to 8 elements, as min, max, mean, norm and NaN/Inf counts beyond. Op nodes show the op's
 * {@link dev.chainrule.autodiff.Function#derivativeRule}. Parameters (leaves that need a gradient) are drawn
 * apart from constants and intermediates. Ids ({@code t0, op0, ...}) follow creation order within the dump.
 * Nodes recorded inside a {@link dev.chainrule.autodiff.GraphScope} (every {@code nn.Module.call} opens one
 * named after the module) are grouped into nested clusters, which {@link #collapse} and {@link #collapseDepth}
 * fold into one box each; {@link #maxNodes} and {@link #maxDepth} cut large graphs. For one small op shown as
 * its scalar operations see {@link ScalarGraph}.
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
  private final Recorded recorded;
  private final DumpOptions options;
  private final DumpGraph graph;
  private final Highlight highlight;

  private GraphDump(Recorded recorded, DumpOptions options, Highlight highlight) {
    this.recorded = recorded;
    this.options = options;
    this.graph = DumpGraph.build(recorded, options);
    this.highlight = highlight;
  }

  /**
   * The whole graph behind {@code root}, with nodes recorded inside {@link dev.chainrule.autodiff.GraphScope}s
   * (for example a module's {@code call}) grouped into nested clusters named after the scope.
   *
   * @throws IllegalStateException if backward already freed the graph
   */
  public static GraphDump of(Tensor root) {
    checkNotNull(root, "graph dump: root tensor is null");
    return new GraphDump(Recorded.from(root), DumpOptions.ALL, Highlight.NONE);
  }

  /** {@code of(root).maxNodes(maxNodes)}. */
  public static GraphDump of(Tensor root, int maxNodes) {
    return of(root).maxNodes(maxNodes);
  }

  /**
   * This dump cut to the {@code maxNodes} op nodes nearest the root (breadth first); the dump ends with a note
   * {@code ... N nodes not shown} counting the values and ops left out, and each value whose producer was left out
   * gets a {@code ...} stub (listed as "cut off" in text, {@code cut} in JSON). The options of a dump combine:
   * each returns a new dump of the same recorded graph, so they may be chosen after backward.
   *
   * @throws IllegalArgumentException if {@code maxNodes < 1}
   */
  public GraphDump maxNodes(int maxNodes) {
    return new GraphDump(recorded, options.withMaxNodes(maxNodes), highlight);
  }

  /**
   * This dump cut to the ops at most {@code maxDepth} steps back from the root (the op that made the root is at
   * depth 1, the ops that made its inputs at depth 2, ...), with the note and stubs of {@link #maxNodes}.
   *
   * @throws IllegalArgumentException if {@code maxDepth < 1}
   */
  public GraphDump maxDepth(int maxDepth) {
    return new GraphDump(recorded, options.withMaxDepth(maxDepth), highlight);
  }

  /**
   * This dump with each of the named module scopes drawn as one box, labelled with the module's name, the shapes
   * that flow in and out, and how many ops and parameters it hides; its parameters and the values used only
   * inside it are hidden, edges run from its inputs to the box and from the box to its outputs. A name is a
   * scope's own name ({@code "0 (Linear)"}: every scope of that name) or its whole path
   * ({@code "Sequential / 0 (Linear)"}). Replaces an earlier list of names.
   *
   * @throws IllegalArgumentException if a name matches no scope of this dump, listing the scopes there are
   */
  public GraphDump collapse(String... modules) {
    checkNotNull(modules, "collapse: module names are null");
    return new GraphDump(recorded, options.withCollapse(List.of(modules)), highlight);
  }

  /**
   * This dump with every module scope at nesting depth {@code depth} collapsed as by {@link #collapse}: 1 for
   * the outermost scopes (a whole model called at the top level), 2 for their children (the layers of a
   * {@code Sequential}), ...; 0 collapses nothing.
   *
   * @throws IllegalArgumentException if {@code depth < 0}
   */
  public GraphDump collapseDepth(int depth) {
    return new GraphDump(recorded, options.withCollapseDepth(depth), highlight);
  }

  /**
   * This dump with the op node {@code node} drawn apart and annotated with {@code note}: a red border in DOT, a
   * red class in Mermaid, {@code <-- note} after the op in text. JSON is unchanged. Replaces an earlier
   * highlight.
   *
   * @throws IllegalArgumentException if {@code node} is not an op node drawn in this dump
   */
  public GraphDump highlight(Node node, String note) {
    checkNotNull(node, "highlight: node is null");
    checkNotNull(note, "highlight: note is null");
    checkArgument(graph.ops.stream().anyMatch(op -> op.node() == node),
        "highlight: %s is not an op node drawn in this dump", node);
    return new GraphDump(recorded, options, new Highlight(node, note));
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

  /** JSON with {@code root}, {@code notShown}, {@code cut}, {@code nodes} and {@code edges}. */
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
