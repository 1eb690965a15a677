package dev.chainrule.autodiff.dump;

import dev.chainrule.autodiff.dump.DumpGraph.Box;
import dev.chainrule.autodiff.dump.DumpGraph.Op;
import dev.chainrule.autodiff.dump.DumpGraph.Producer;
import dev.chainrule.autodiff.dump.DumpGraph.Value;
import dev.chainrule.autodiff.graph.ScopePath;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An indented tree from the root: each value, under it the op (or collapsed module) that produced it, under that
 * its inputs. An op recorded in a module scope shows the scope path in brackets. A value met a second time is
 * marked {@code (shown above)} and not expanded again. A {@link Highlight highlighted} op line ends with
 * {@code <-- note}. Lines deeper than {@link Indent#MAX_LEVELS} levels are indented that far and start with
 * {@code [depth N]}, so the text grows linearly with the graph. Values whose producer a limit left out are listed at the end, before the count of nodes not
 * shown.
 */
final class TextWriter {
  private record Line(Value value, int depth) {}

  private TextWriter() {}

  static String write(DumpGraph g, Highlight highlight) {
    Map<Value, Producer> producers = g.producers();
    StringBuilder out = new StringBuilder();
    Set<Object> shown = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Line> stack = new ArrayDeque<>();
    stack.push(new Line(g.root, 0));
    while (!stack.isEmpty()) {
      Line line = stack.pop();
      Value v = line.value();
      out.append(Indent.marked(line.depth())).append(v.title());
      if (!shown.add(v)) {
        out.append(" (shown above)\n");
        continue;
      }
      out.append(": ").append(v.origin()).append(", ").append(v.type()).append(", value ").append(v.valueText());
      if (v.gradText() != null) {
        out.append(", grad ").append(v.gradText());
      }
      out.append('\n');
      Producer step = producers.get(v);
      if (step == null) {
        continue;
      }
      out.append(Indent.marked(line.depth() + 1)).append(describe(step, highlight));
      if (!shown.add(step)) {
        out.append(" (shown above)\n");
        continue;
      }
      out.append('\n');
      List<Value> inputs = step.inputs();
      for (int i = inputs.size() - 1; i >= 0; i--) {
        stack.push(new Line(inputs.get(i), line.depth() + 2));
      }
    }
    if (!g.cut.isEmpty()) {
      out.append("cut off (their producers not shown): ")
          .append(String.join(", ", g.cut.stream().map(Value::title).toList())).append('\n');
    }
    if (g.notShown > 0) {
      out.append("... ").append(g.notShown).append(" nodes not shown\n");
    }
    return out.toString();
  }

  /** {@code Mul (op3) [scope]: rule}, or {@code 0 (Linear) (m0) [scope]: module, shapes, contents}. */
  private static String describe(Producer step, Highlight highlight) {
    if (step instanceof Op op) {
      return op.node().name() + " (" + op.id() + ")" + scope(op.placement()) + ": " + op.rule()
          + (highlight.marks(op) ? "  <-- " + highlight.note() : "");
    }
    Box box = (Box) step;
    return box.scope().name() + " (" + box.id() + ")" + scope(box.placement()) + ": module " + box.shapes()
        + ", " + box.contents();
  }

  private static String scope(ScopePath scope) {
    return scope == null ? "" : " [" + scope + "]";
  }
}
