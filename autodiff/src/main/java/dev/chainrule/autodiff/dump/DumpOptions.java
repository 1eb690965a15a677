package dev.chainrule.autodiff.dump;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;

/**
 * What a dump leaves out or folds: the node and depth limits, and which module scopes are collapsed, by name
 * ({@code collapse}) or by nesting depth ({@code collapseDepth}, 0 for none).
 */
record DumpOptions(int maxNodes, int maxDepth, List<String> collapse, int collapseDepth) {
  static final DumpOptions ALL = new DumpOptions(Integer.MAX_VALUE, Integer.MAX_VALUE, List.of(), 0);

  DumpOptions {
    checkArgument(maxNodes >= 1, "graph dump: maxNodes is %s; it must be at least 1", maxNodes);
    checkArgument(maxDepth >= 1, "graph dump: maxDepth is %s; it must be at least 1", maxDepth);
    checkArgument(collapseDepth >= 0, "graph dump: collapseDepth is %s; it must be at least 1 (0 collapses"
        + " nothing)", collapseDepth);
    collapse = List.copyOf(collapse);
  }

  DumpOptions withMaxNodes(int n) {
    return new DumpOptions(n, maxDepth, collapse, collapseDepth);
  }

  DumpOptions withMaxDepth(int d) {
    return new DumpOptions(maxNodes, d, collapse, collapseDepth);
  }

  DumpOptions withCollapse(List<String> names) {
    return new DumpOptions(maxNodes, maxDepth, names, collapseDepth);
  }

  DumpOptions withCollapseDepth(int d) {
    return new DumpOptions(maxNodes, maxDepth, collapse, d);
  }
}
