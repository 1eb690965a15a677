package dev.chainrule.autodiff.dump;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.dump.DumpGraph.Box;
import dev.chainrule.autodiff.dump.DumpGraph.Op;
import dev.chainrule.autodiff.dump.DumpGraph.Producer;
import dev.chainrule.autodiff.dump.DumpGraph.Value;
import dev.chainrule.autodiff.dump.ValueSummary.Stats;
import dev.chainrule.autodiff.graph.ScopePath;
import java.util.Arrays;
import java.util.List;

/**
 * JSON: {@code root}, {@code notShown}, {@code cut} (ids of values whose producer a limit left out),
 * {@code nodes} (values, then ops, then collapsed modules, with every field a dump shows, and {@code scope}: the
 * path of module names the node is drawn in, outermost first, or null) and {@code edges} ({@code input} is the
 * operand position of an op, absent on other edges). A small tensor's {@code value} is {@code {"values": [...]}}
 * in full precision, a large one's its statistics; non-finite numbers are the strings {@code "NaN"},
 * {@code "Infinity"}, {@code "-Infinity"}.
 */
final class JsonWriter {
  private JsonWriter() {}

  static String write(DumpGraph g) {
    StringBuilder out = new StringBuilder("{\n");
    out.append("  \"root\": ").append(string(g.root.id())).append(",\n");
    out.append("  \"notShown\": ").append(g.notShown).append(",\n");
    out.append("  \"cut\": ").append(strings(g.cut.stream().map(Value::id).toList())).append(",\n");
    out.append("  \"nodes\": [");
    String sep = "\n";
    for (Value v : g.values) {
      out.append(sep).append("    {\"id\": ").append(string(v.id())).append(", \"kind\": \"value\", \"label\": ")
          .append(v.tensor().label() == null ? "null" : string(v.tensor().label()))
          .append(", \"role\": ").append(string(v.role().display()))
          .append(", \"op\": ").append(v.tensor().gradFn() == null ? "null" : string(v.tensor().gradFn().name()))
          .append(", \"scope\": ").append(scope(v.placement()))
          .append(", \"shape\": ").append(Arrays.toString(v.tensor().shape().dims()))
          .append(", \"dtype\": ").append(string(v.tensor().dtype().toString()))
          .append(", \"value\": ").append(tensor(v.tensor()))
          .append(", \"grad\": ").append(v.tensor().grad() == null ? "null" : tensor(v.tensor().grad()))
          .append('}');
      sep = ",\n";
    }
    for (Op op : g.ops) {
      out.append(sep).append("    {\"id\": ").append(string(op.id())).append(", \"kind\": \"op\", \"op\": ")
          .append(string(op.node().name())).append(", \"scope\": ").append(scope(op.placement()))
          .append(", \"rule\": ").append(string(op.rule())).append('}');
    }
    for (Box box : g.boxes) {
      out.append(sep).append("    {\"id\": ").append(string(box.id())).append(", \"kind\": \"module\", \"name\": ")
          .append(string(box.scope().name())).append(", \"scope\": ").append(scope(box.placement()))
          .append(", \"ops\": ").append(box.ops()).append(", \"parameters\": ").append(box.parameters())
          .append('}');
      sep = ",\n";
    }
    out.append("\n  ],\n  \"edges\": [");
    sep = "\n";
    for (Producer step : g.steps()) {
      for (int i = 0; i < step.inputs().size(); i++) {
        out.append(sep).append("    {\"from\": ").append(string(step.inputs().get(i).id())).append(", \"to\": ")
            .append(string(step.id())).append(step instanceof Op ? ", \"input\": " + i : "").append('}');
        sep = ",\n";
      }
      for (Value v : step.outputs()) {
        out.append(sep).append("    {\"from\": ").append(string(step.id())).append(", \"to\": ")
            .append(string(v.id())).append('}');
        sep = ",\n";
      }
    }
    return out.append("\n  ]\n}\n").toString();
  }

  private static String scope(ScopePath scope) {
    return scope == null ? "null" : strings(scope.names());
  }

  private static String strings(List<String> items) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < items.size(); i++) {
      out.append(i == 0 ? "" : ", ").append(string(items.get(i)));
    }
    return out.append(']').toString();
  }

  private static String tensor(Tensor t) {
    double[] data = t.toDoubleArray();
    if (!ValueSummary.isSmall(t)) {
      Stats s = Stats.of(data);
      return "{\"min\": " + number(s.min()) + ", \"max\": " + number(s.max()) + ", \"mean\": " + number(s.mean())
          + ", \"norm\": " + number(s.norm()) + ", \"nan\": " + s.nan() + ", \"inf\": " + s.inf() + "}";
    }
    StringBuilder out = new StringBuilder("{\"values\": [");
    for (int i = 0; i < data.length; i++) {
      out.append(i == 0 ? "" : ", ").append(number(data[i]));
    }
    return out.append("]}").toString();
  }

  private static String number(double v) {
    return Double.isFinite(v) ? Double.toString(v) : string(Double.toString(v));
  }

  /** A JSON string literal: quotes, backslashes and control characters escaped. */
  private static String string(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return out.append('"').toString();
  }
}
