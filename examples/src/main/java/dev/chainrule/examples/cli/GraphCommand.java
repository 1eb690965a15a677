package dev.chainrule.examples.cli;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.dump.BackwardTrace;
import dev.chainrule.autodiff.dump.GraphDump;
import dev.chainrule.autodiff.dump.ScalarGraph;
import dev.chainrule.autodiff.io.AtomicFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code chainrule graph}: builds one of the small {@link GraphModel built-in graphs} and prints its dump (text,
 * DOT, Mermaid or JSON), before backward or, with {@code --backward}, after it with the gradients; with
 * {@code --narrate} also the backward walk step by step. {@code --out FILE} writes the dump to a file instead,
 * rendered by Graphviz when the file ends in {@code .svg} or {@code .png}.
 *
 * <p>The dump is made by {@link #dump}, the one place for options that shape it.
 */
@Command(name = "graph", mixinStandardHelpOptions = true,
    description = "Dumps a small built-in computation graph (values, and gradients after backward) and can narrate"
        + " its backward pass.")
final class GraphCommand implements Callable<Integer> {

  /** The dump formats of {@code --format}. */
  enum Format {
    TEXT(GraphDump::toText), DOT(GraphDump::toDot), MERMAID(GraphDump::toMermaid), JSON(GraphDump::toJson);

    private final Function<GraphDump, String> writer;

    Format(Function<GraphDump, String> writer) {
      this.writer = writer;
    }

    String write(GraphDump dump) {
      return writer.apply(dump);
    }
  }

  @Option(names = "--model", defaultValue = "logistic", converter = ModelConverter.class,
      description = "The graph: logistic (one-sample logistic regression), mlp (a 2-layer perceptron on 4 iris"
          + " flowers), matmul (a 2x3 by 3x2 product) or expression (the scalar expression of the chain-rule"
          + " lesson). Default: ${DEFAULT-VALUE}.")
  private GraphModel model;

  @Option(names = "--format", defaultValue = "text", converter = FormatConverter.class,
      description = "text, dot, mermaid or json (default: ${DEFAULT-VALUE}); ignored when --out ends in .svg"
          + " or .png.")
  private Format format;

  @Option(names = "--backward", description = "Runs backward first, so the dump shows the gradients.")
  private boolean backward;

  @Option(names = "--narrate", description = "Prints the backward pass step by step, as the chain rule (runs"
      + " backward, like --backward).")
  private boolean narrate;

  @Option(names = "--collapse", paramLabel = "MODULE", description = "Draws the module's ops as one box, e.g."
      + " 'hidden (Linear)' for --model mlp; repeat for several.")
  private List<String> collapse = new ArrayList<>();

  @Option(names = "--collapse-depth", paramLabel = "N", description = "Collapses every module at nesting depth N"
      + " (1: the outermost modules).")
  private Integer collapseDepth;

  @Option(names = "--depth", paramLabel = "N", description = "Shows only the ops at most N steps back from the"
      + " loss; what is cut off is drawn as '...' and counted in a note.")
  private Integer depth;

  @Option(names = "--max-nodes", paramLabel = "N", description = "Shows only the N ops nearest the loss.")
  private Integer maxNodes;

  @Option(names = "--explode", paramLabel = "TENSOR", description = "Dumps, instead of the model, the scalar graph"
      + " of the small op that made the tensor labelled TENSOR (e.g. Y for --model matmul): every multiply and"
      + " add, with values and, with --backward, gradients.")
  private String explode;

  @Option(names = "--out", paramLabel = "FILE", description = "Writes the dump to FILE instead of printing it;"
      + " FILE.svg or FILE.png is rendered with Graphviz (the DOT source is written beside it).")
  private Path out;

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    OptionChecks.atLeast("--depth", depth, 1);
    OptionChecks.atLeast("--max-nodes", maxNodes, 1);
    OptionChecks.atLeast("--collapse-depth", collapseDepth, 0);
    if (out != null) {
      OptionChecks.writableFile("--out", out);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    Tensor loss = model.loss();
    Tensor exploded = explode == null ? null : labelled(loss, explode).retainGrad();
    ScalarGraph scalars = exploded == null ? null : explode(exploded);
    GraphDump dump = scalars == null ? dump(loss) : scalars.dump();
    BackwardTrace trace = null;
    if (narrate) {
      trace = BackwardTrace.record(loss::backward);
    } else if (backward) {
      loss.backward();
    }
    if (scalars != null && (narrate || backward)) {
      scalars.backward(exploded.grad());
    }
    if (out == null) {
      stdout.print(format.write(dump));
    } else {
      stdout.println(write(dump, out));
    }
    if (trace != null) {
      stdout.println();
      stdout.println("The backward pass of " + model.description() + ", one line per gradient contribution:");
      for (String line : trace.lines()) {
        stdout.println("  " + line);
      }
    }
    stdout.flush();
    return Main.EXIT_OK;
  }

  /** The scalar graph of the tensor {@code --explode} named; one the dump cannot show is the user's choice. */
  private ScalarGraph explode(Tensor tensor) {
    try {
      return ScalarGraph.explode(tensor);
    } catch (IllegalArgumentException e) {
      throw new UserError("--explode " + explode + ": " + e.getMessage(), e);
    }
  }

  /** The dump of the graph behind {@code loss}, shaped by the options, made before backward frees the graph. */
  private GraphDump dump(Tensor loss) {
    GraphDump dump = GraphDump.of(loss);
    if (maxNodes != null) {
      dump = dump.maxNodes(maxNodes);
    }
    if (depth != null) {
      dump = dump.maxDepth(depth);
    }
    if (collapseDepth != null) {
      dump = dump.collapseDepth(collapseDepth);
    }
    if (!collapse.isEmpty()) {
      try {
        dump = dump.collapse(collapse.toArray(String[]::new));
      } catch (IllegalArgumentException e) { // a name that is no module of this graph: the message lists them
        throw new UserError("--collapse: " + e.getMessage(), e);
      }
    }
    return dump;
  }

  /**
   * The tensor labelled {@code label} in the graph behind {@code root}, searched from the root back to the
   * leaves.
   *
   * @throws UserError naming the labels there are, when none is called {@code label}
   */
  static Tensor labelled(Tensor root, String label) {
    Set<String> labels = new TreeSet<>();
    Deque<Tensor> pending = new ArrayDeque<>(List.of(root));
    Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    while (!pending.isEmpty()) {
      Tensor tensor = pending.removeFirst();
      if (!seen.add(tensor)) {
        continue;
      }
      if (label.equals(tensor.label())) {
        return tensor;
      }
      if (tensor.label() != null) {
        labels.add(tensor.label());
      }
      if (tensor.gradFn() != null) {
        pending.addAll(tensor.gradFn().inputs());
      }
    }
    throw new UserError("--explode: no tensor is labelled '" + label + "' in this graph; the labelled tensors are "
        + String.join(", ", labels));
  }

  /** Writes the dump to {@code file}, rendering SVG or PNG through DOT; returns what was written. */
  private String write(GraphDump dump, Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    try {
      if (extension.equals("svg") || extension.equals("png")) {
        return dump.render(file.resolveSibling(name.substring(0, dot) + ".dot"), extension);
      }
      AtomicFile.writeString(file, format.write(dump));
    } catch (FileSystemException e) {
      throw new UserError(String.format("--out %s cannot be written (%s)", file, AtomicFile.reason(e)), e);
    } catch (IOException e) {
      throw new UserError("--out " + file + ": " + e.getMessage(), e);
    }
    return "wrote " + file;
  }

  /** {@code --model} by its lower-case name, with the choices named when it is unknown. */
  static final class ModelConverter implements CommandLine.ITypeConverter<GraphModel> {
    @Override
    public GraphModel convert(String value) {
      for (GraphModel m : GraphModel.values()) {
        if (m.optionName().equals(value.toLowerCase(Locale.ROOT))) {
          return m;
        }
      }
      throw new CommandLine.TypeConversionException("unknown model '" + value + "'; choose one of "
          + GraphModel.optionNames());
    }
  }

  /** {@code --format} by its lower-case name, with the choices named when it is unknown. */
  static final class FormatConverter implements CommandLine.ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      for (Format f : Format.values()) {
        if (f.name().equalsIgnoreCase(value)) {
          return f;
        }
      }
      throw new CommandLine.TypeConversionException("unknown format '" + value + "'; choose one of "
          + Arrays.stream(Format.values()).map(f -> f.name().toLowerCase(Locale.ROOT))
              .collect(Collectors.joining(", ")));
    }
  }
}
