package dev.chainrule.autodiff.dump;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.dump.DumpGraph.Op;
import dev.chainrule.autodiff.dump.DumpGraph.Value;
import dev.chainrule.autodiff.dump.ValueSummary.Stats;
import java.util.Arrays;

/**
 * JSON: {@code root}, {@code notShown}, {@code nodes} (values, then ops, with every field a dump shows) and
 * {@code edges} ({@code input} is the operand position, absent on an op's edge to its output). A small tensor's
 * {@code value} is {@code {"values": [...]}} in full precision, a large one's its statistics; non-finite numbers
 * are the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
 */
final class JsonWriter {
  private JsonWriter() {}

  static String write(DumpGraph g) {
    StringBuilder out = new StringBuilder("{\n");
    out.append("  \"root\": ").append(string(g.root.id())).append(",\n");
    out.append("  \"notShown\": ").append(g.notShown).append(",\n");
    out.append("  \"nodes\": [");
    String sep = "\n";
    for (Value v : g.values) {
      out.append(sep).append("    {\"id\": ").append(string(v.id())).append(", \"kind\": \"value\", \"label\": ")
          .append(v.tensor().label() == null ? "null" : string(v.tensor().label()))
          .append(", \"role\": ").append(string(v.role().display()))
          .append(", \"op\": ").append(v.tensor().gradFn() == null ? "null" : string(v.tensor().gradFn().name()))
          .append(", \"shape\": ").append(Arrays.toString(v.tensor().shape().dims()))
          .append(", \"dtype\": ").append(string(v.tensor().dtype().toString()))
          .append(", \"value\": ").append(tensor(v.tensor()))
          .append(", \"grad\": ").append(v.tensor().grad() == null ? "null" : tensor(v.tensor().grad()))
          .append('}');
      sep = ",\n";
    }
    for (Op op : g.ops) {
      out.append(sep).append("    {\"id\": ").append(string(op.id())).append(", \"kind\": \"op\", \"op\": ")
          .append(string(op.node().name())).append(", \"rule\": ").append(string(op.rule())).append('}');
    }
    out.append("\n  ],\n  \"edges\": [");
    sep = "\n";
    for (Op op : g.ops) {
      for (int i = 0; i < op.inputs().size(); i++) {
        out.append(sep).append("    {\"from\": ").append(string(op.inputs().get(i).id())).append(", \"to\": ")
            .append(string(op.id())).append(", \"input\": ").append(i).append('}');
        sep = ",\n";
      }
      out.append(sep).append("    {\"from\": ").append(string(op.id())).append(", \"to\": ")
          .append(string(op.output().id())).append('}');
      sep = ",\n";
    }
    return out.append("\n  ]\n}\n").toString();
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
