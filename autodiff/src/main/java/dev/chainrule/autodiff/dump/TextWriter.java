package dev.chainrule.autodiff.dump;

import dev.chainrule.autodiff.dump.DumpGraph.Op;
import dev.chainrule.autodiff.dump.DumpGraph.Value;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An indented tree from the root: each value, under it the op that produced it with its rule, under that the
 * op's inputs. A value met a second time is marked {@code (shown above)} and not expanded again. A
 * {@link Highlight highlighted} op line ends with {@code <-- note}.
 */
final class TextWriter {
  private static final String INDENT = "  ";

  private record Line(Value value, int depth) {}

  private TextWriter() {}

  static String write(DumpGraph g, Highlight highlight) {
    Map<Value, Op> producers = new HashMap<>();
    for (Op op : g.ops) {
      producers.put(op.output(), op);
    }
    StringBuilder out = new StringBuilder();
    Set<Value> shown = new HashSet<>();
    Deque<Line> stack = new ArrayDeque<>();
    stack.push(new Line(g.root, 0));
    while (!stack.isEmpty()) {
      Line line = stack.pop();
      Value v = line.value();
      String indent = INDENT.repeat(line.depth());
      out.append(indent).append(v.title());
      if (!shown.add(v)) {
        out.append(" (shown above)\n");
        continue;
      }
      out.append(": ").append(v.origin()).append(", ").append(v.type()).append(", value ").append(v.valueText());
      if (v.gradText() != null) {
        out.append(", grad ").append(v.gradText());
      }
      out.append('\n');
      Op op = producers.get(v);
      if (op != null) {
        out.append(indent).append(INDENT).append(op.node().name()).append(" (").append(op.id()).append("): ")
            .append(op.rule()).append(highlight.marks(op) ? "  <-- " + highlight.note() : "").append('\n');
        List<Value> inputs = op.inputs();
        for (int i = inputs.size() - 1; i >= 0; i--) {
          stack.push(new Line(inputs.get(i), line.depth() + 2));
        }
      }
    }
    if (g.notShown > 0) {
      out.append("... ").append(g.notShown).append(" nodes not shown\n");
    }
    return out.toString();
  }
}
