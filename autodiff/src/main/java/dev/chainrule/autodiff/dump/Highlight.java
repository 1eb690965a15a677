package dev.chainrule.autodiff.dump;

import dev.chainrule.autodiff.dump.DumpGraph.Op;
import dev.chainrule.autodiff.graph.Node;

/**
 * One op node drawn apart from the others with a note, e.g. the op anomaly mode blamed for a NaN: a red border
 * in DOT, a red class in Mermaid, {@code <-- note} in text. {@link #NONE} marks nothing.
 */
record Highlight(Node node, String note) {
  static final Highlight NONE = new Highlight(null, "");

  /** Whether {@code op} is the highlighted node. */
  boolean marks(Op op) {
    return op.node() == node;
  }
}
