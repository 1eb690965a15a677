package dev.chainrule.autodiff.dump;

import dev.chainrule.autodiff.dump.DumpGraph.Op;
import dev.chainrule.autodiff.dump.DumpGraph.Role;
import dev.chainrule.autodiff.dump.DumpGraph.Value;

/**
 * Graphviz DOT: values as records (title, origin, shape and dtype, value, grad), ops as ellipses (name and
 * derivative rule). Parameters are filled blue and bold, constants filled grey, intermediates plain; a
 * {@link Highlight highlighted} op has a thick red border and its note under the rule.
 */
final class DotWriter {
  private DotWriter() {}

  static String write(DumpGraph g, Highlight highlight) {
    StringBuilder out = new StringBuilder("digraph chainrule {\n");
    out.append("  rankdir=LR;\n");
    out.append("  node [fontname=\"Helvetica\", fontsize=10];\n");
    out.append("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    for (Value v : g.values) {
      out.append("  ").append(v.id()).append(" [shape=record, ").append(style(v.role())).append(", label=\"{")
          .append(record(v.title())).append('|').append(record(v.origin())).append('|')
          .append(record(v.type())).append('|').append(record("value " + v.valueText()));
      if (v.gradText() != null) {
        out.append('|').append(record("grad " + v.gradText()));
      }
      out.append("}\"];\n");
    }
    for (Op op : g.ops) {
      boolean marked = highlight.marks(op);
      out.append("  ").append(op.id()).append(" [shape=ellipse, style=filled, fillcolor=\"#fff2cc\", ")
          .append(marked ? "color=red, penwidth=3, " : "").append("label=\"").append(quoted(op.node().name()))
          .append("\\n").append(quoted(op.rule()))
          .append(marked ? "\\n" + quoted(highlight.note()) : "").append("\"];\n");
    }
    for (Op op : g.ops) {
      for (int i = 0; i < op.inputs().size(); i++) {
        out.append("  ").append(op.inputs().get(i).id()).append(" -> ").append(op.id());
        out.append(op.inputs().size() > 1 ? " [label=\"" + i + "\"];\n" : ";\n");
      }
      out.append("  ").append(op.id()).append(" -> ").append(op.output().id()).append(";\n");
    }
    if (g.notShown > 0) {
      out.append("  not_shown [shape=note, label=\"... ").append(g.notShown).append(" nodes not shown\"];\n");
    }
    return out.append("}\n").toString();
  }

  private static String style(Role role) {
    return switch (role) {
      case PARAMETER -> "style=\"filled,bold\", penwidth=2, fillcolor=\"#cfe2ff\"";
      case CONSTANT -> "style=filled, fillcolor=\"#eeeeee\"";
      case INTERMEDIATE -> "style=solid";
    };
  }

  /** Escapes a double-quoted DOT string. */
  private static String quoted(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  /** Escapes a field of a record label, where braces, bars and angle brackets are structure. */
  private static String record(String s) {
    return quoted(s).replaceAll("([{}|<>])", "\\\\$1");
  }
}
