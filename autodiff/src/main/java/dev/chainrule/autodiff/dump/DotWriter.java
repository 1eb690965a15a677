package dev.chainrule.autodiff.dump;

import dev.chainrule.autodiff.dump.Clusters.Cluster;
import dev.chainrule.autodiff.dump.DumpGraph.Box;
import dev.chainrule.autodiff.dump.DumpGraph.Op;
import dev.chainrule.autodiff.dump.DumpGraph.Producer;
import dev.chainrule.autodiff.dump.DumpGraph.Role;
import dev.chainrule.autodiff.dump.DumpGraph.Value;
import java.util.HashMap;
import java.util.Map;

/**
 * Graphviz DOT: values as records (title, origin, shape and dtype, value, grad), ops as ellipses (name and
 * derivative rule), collapsed modules as 3-D boxes (name, shapes in and out, what they hide), module scopes as
 * nested {@code subgraph cluster_N} with the module's name. Parameters are filled blue and bold, constants filled
 * grey, intermediates plain; a {@link Highlight highlighted} op has a thick red border and its note under the
 * rule; a value whose producer a limit left out has a dashed {@code ...} stub.
 */
final class DotWriter {
  private DotWriter() {}

  static String write(DumpGraph g, Highlight highlight) {
    StringBuilder out = new StringBuilder("digraph chainrule {\n");
    out.append("  rankdir=LR;\n");
    out.append("  node [fontname=\"Helvetica\", fontsize=10];\n");
    out.append("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    Map<String, String> nodes = new HashMap<>();
    g.values.forEach(v -> nodes.put(v.id(), value(v)));
    g.ops.forEach(op -> nodes.put(op.id(), op(op, highlight)));
    g.boxes.forEach(box -> nodes.put(box.id(), box(box)));
    g.clusters.walk(new Clusters.Visitor() {
      @Override
      public void enter(Cluster cluster, int depth) {
        String indent = Indent.of(depth);
        out.append(indent).append("subgraph ").append(cluster.id).append(" {\n").append(indent)
            .append("  label=\"").append(quoted(cluster.label())).append("\"; style=\"rounded,dashed\";")
            .append(" color=\"#1f4e9c\"; fontname=\"Helvetica\"; fontsize=11;\n");
      }

      @Override
      public void member(String id, int depth) {
        out.append(Indent.of(depth + 1)).append(nodes.get(id)).append('\n');
      }

      @Override
      public void exit(Cluster cluster, int depth) {
        out.append(Indent.of(depth)).append("}\n");
      }
    });
    for (Producer step : g.steps()) {
      for (int i = 0; i < step.inputs().size(); i++) {
        out.append("  ").append(step.inputs().get(i).id()).append(" -> ").append(step.id());
        out.append(step instanceof Op && step.inputs().size() > 1 ? " [label=\"" + i + "\"];\n" : ";\n");
      }
      step.outputs().forEach(v -> out.append("  ").append(step.id()).append(" -> ").append(v.id()).append(";\n"));
    }
    for (Value v : g.cut) {
      out.append("  cut_").append(v.id()).append(" [shape=plaintext, label=\"...\"];\n");
      out.append("  cut_").append(v.id()).append(" -> ").append(v.id()).append(" [style=dashed];\n");
    }
    if (g.notShown > 0) {
      out.append("  not_shown [shape=note, label=\"... ").append(g.notShown).append(" nodes not shown\"];\n");
    }
    return out.append("}\n").toString();
  }

  private static String value(Value v) {
    StringBuilder line = new StringBuilder(v.id()).append(" [shape=record, ").append(style(v.role()))
        .append(", label=\"{").append(record(v.title())).append('|').append(record(v.origin())).append('|')
        .append(record(v.type())).append('|').append(record("value " + v.valueText()));
    if (v.gradText() != null) {
      line.append('|').append(record("grad " + v.gradText()));
    }
    return line.append("}\"];").toString();
  }

  private static String op(Op op, Highlight highlight) {
    boolean marked = highlight.marks(op);
    return op.id() + " [shape=ellipse, style=filled, fillcolor=\"#fff2cc\", "
        + (marked ? "color=red, penwidth=3, " : "") + "label=\"" + quoted(op.node().name()) + "\\n"
        + quoted(op.rule()) + (marked ? "\\n" + quoted(highlight.note()) : "") + "\"];";
  }

  private static String box(Box box) {
    return box.id() + " [shape=box3d, style=filled, fillcolor=\"#e2f0d9\", label=\"" + quoted(box.scope().name())
        + "\\n" + quoted(box.shapes()) + "\\n" + quoted(box.contents()) + "\"];";
  }

  private static String style(Role role) {
    return switch (role) {
      case PARAMETER -> "style=\"filled,bold\", penwidth=2, fillcolor=\"#cfe2ff\"";
      case CONSTANT -> "style=filled, fillcolor=\"#eeeeee\"";
      case INTERMEDIATE -> "style=solid";
    };
  }

  /** Escapes a double-quoted DOT string. */
  static String quoted(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  /** Escapes a field of a record label, where braces, bars and angle brackets are structure. */
  private static String record(String s) {
    return quoted(s).replaceAll("([{}|<>])", "\\\\$1");
  }
}
