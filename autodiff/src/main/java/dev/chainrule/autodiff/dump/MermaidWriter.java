package dev.chainrule.autodiff.dump;

import dev.chainrule.autodiff.dump.Clusters.Cluster;
import dev.chainrule.autodiff.dump.DumpGraph.Box;
import dev.chainrule.autodiff.dump.DumpGraph.Op;
import dev.chainrule.autodiff.dump.DumpGraph.Producer;
import dev.chainrule.autodiff.dump.DumpGraph.Role;
import dev.chainrule.autodiff.dump.DumpGraph.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Mermaid flowchart, which GitHub renders inside a {@code ```mermaid} block: values as boxes, ops as stadiums,
 * collapsed modules as subroutine boxes, module scopes as nested {@code subgraph} blocks; parameters, constants
 * and modules styled by class, a {@link Highlight highlighted} op by a red class with its note; a value whose
 * producer a limit left out gets a dotted {@code ...} stub. Quotes and angle brackets become Mermaid entities.
 */
final class MermaidWriter {
  private MermaidWriter() {}

  static String write(DumpGraph g, Highlight highlight) {
    StringBuilder out = new StringBuilder("flowchart LR\n");
    Map<String, String> nodes = new HashMap<>();
    g.values.forEach(v -> nodes.put(v.id(), value(v)));
    g.ops.forEach(op -> nodes.put(op.id(), op.id() + "([\"" + escape(op.node().name()) + "<br/>"
        + escape(op.rule()) + (highlight.marks(op) ? "<br/>" + escape(highlight.note()) : "") + "\"])"));
    g.boxes.forEach(box -> nodes.put(box.id(), box.id() + "[[\"" + escape(box.scope().name()) + "<br/>"
        + escape(box.shapes()) + "<br/>" + escape(box.contents()) + "\"]]"));
    g.clusters.walk(new Clusters.Visitor() {
      @Override
      public void enter(Cluster cluster, int depth) {
        out.append(Indent.of(depth)).append("subgraph ").append(cluster.id).append("[\"")
            .append(escape(cluster.label())).append("\"]\n");
      }

      @Override
      public void member(String id, int depth) {
        out.append(Indent.of(depth + 1)).append(nodes.get(id)).append('\n');
      }

      @Override
      public void exit(Cluster cluster, int depth) {
        out.append(Indent.of(depth)).append("end\n");
      }
    });
    for (Producer step : g.steps()) {
      for (int i = 0; i < step.inputs().size(); i++) {
        out.append("  ").append(step.inputs().get(i).id())
            .append(step instanceof Op && step.inputs().size() > 1 ? " -->|" + i + "| " : " --> ")
            .append(step.id()).append('\n');
      }
      step.outputs().forEach(v -> out.append("  ").append(step.id()).append(" --> ").append(v.id()).append('\n'));
    }
    for (Value v : g.cut) {
      out.append("  cut_").append(v.id()).append("[\"...\"] -.-> ").append(v.id()).append('\n');
    }
    if (g.notShown > 0) {
      out.append("  not_shown[\"... ").append(g.notShown).append(" nodes not shown\"]\n");
    }
    out.append("  classDef parameter fill:#cfe2ff,stroke:#1f4e9c,stroke-width:3px\n");
    out.append("  classDef constant fill:#eeeeee,stroke:#888888\n");
    out.append("  classDef op fill:#fff2cc,stroke:#b58900\n");
    if (!g.boxes.isEmpty()) {
      out.append("  classDef module fill:#e2f0d9,stroke:#548235,stroke-width:2px\n");
    }
    appendClass(out, "parameter", ids(g, Role.PARAMETER));
    appendClass(out, "constant", ids(g, Role.CONSTANT));
    appendClass(out, "op", g.ops.stream().map(Op::id).toList());
    appendClass(out, "module", g.boxes.stream().map(Box::id).toList());
    List<String> marked = g.ops.stream().filter(highlight::marks).map(Op::id).toList();
    if (!marked.isEmpty()) {
      out.append("  classDef highlight fill:#fff2cc,stroke:#d00000,stroke-width:4px\n");
      appendClass(out, "highlight", marked);
    }
    return out.toString();
  }

  private static String value(Value v) {
    return v.id() + "[\"" + escape(v.title()) + "<br/>" + escape(v.origin()) + "<br/>" + escape(v.type())
        + "<br/>value " + escape(v.valueText()) + (v.gradText() == null ? "" : "<br/>grad " + escape(v.gradText()))
        + "\"]";
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
