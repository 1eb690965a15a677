package dev.chainrule.autodiff.dump;

import dev.chainrule.autodiff.dump.DumpGraph.Op;
import dev.chainrule.autodiff.dump.DumpGraph.Role;
import dev.chainrule.autodiff.dump.DumpGraph.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * A Mermaid flowchart, which GitHub renders inside a {@code ```mermaid} block: values as boxes, ops as stadiums,
 * parameters and constants styled by class, a {@link Highlight highlighted} op by a red class with its note.
 * Quotes and angle brackets become Mermaid entities.
 */
final class MermaidWriter {
  private MermaidWriter() {}

  static String write(DumpGraph g, Highlight highlight) {
    StringBuilder out = new StringBuilder("flowchart LR\n");
    for (Value v : g.values) {
      out.append("  ").append(v.id()).append("[\"").append(escape(v.title())).append("<br/>")
          .append(escape(v.origin())).append("<br/>").append(escape(v.type())).append("<br/>value ")
          .append(escape(v.valueText()));
      if (v.gradText() != null) {
        out.append("<br/>grad ").append(escape(v.gradText()));
      }
      out.append("\"]\n");
    }
    for (Op op : g.ops) {
      out.append("  ").append(op.id()).append("([\"").append(escape(op.node().name())).append("<br/>")
          .append(escape(op.rule())).append(highlight.marks(op) ? "<br/>" + escape(highlight.note()) : "")
          .append("\"])\n");
    }
    for (Op op : g.ops) {
      for (int i = 0; i < op.inputs().size(); i++) {
        out.append("  ").append(op.inputs().get(i).id())
            .append(op.inputs().size() > 1 ? " -->|" + i + "| " : " --> ").append(op.id()).append('\n');
      }
      out.append("  ").append(op.id()).append(" --> ").append(op.output().id()).append('\n');
    }
    if (g.notShown > 0) {
      out.append("  not_shown[\"... ").append(g.notShown).append(" nodes not shown\"]\n");
    }
    out.append("  classDef parameter fill:#cfe2ff,stroke:#1f4e9c,stroke-width:3px\n");
    out.append("  classDef constant fill:#eeeeee,stroke:#888888\n");
    out.append("  classDef op fill:#fff2cc,stroke:#b58900\n");
    appendClass(out, "parameter", ids(g, Role.PARAMETER));
    appendClass(out, "constant", ids(g, Role.CONSTANT));
    appendClass(out, "op", g.ops.stream().map(Op::id).toList());
    List<String> marked = g.ops.stream().filter(highlight::marks).map(Op::id).toList();
    if (!marked.isEmpty()) {
      out.append("  classDef highlight fill:#fff2cc,stroke:#d00000,stroke-width:4px\n");
      appendClass(out, "highlight", marked);
    }
    return out.toString();
  }

  private static List<String> ids(DumpGraph g, Role role) {
    List<String> ids = new ArrayList<>();
    for (Value v : g.values) {
      if (v.role() == role) {
        ids.add(v.id());
      }
    }
    return ids;
  }

  private static void appendClass(StringBuilder out, String name, List<String> ids) {
    if (!ids.isEmpty()) {
      out.append("  class ").append(String.join(",", ids)).append(' ').append(name).append('\n');
    }
  }

  private static String escape(String s) {
    return s.replace("#", "#35;").replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;");
  }
}
