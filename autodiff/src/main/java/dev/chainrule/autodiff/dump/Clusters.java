package dev.chainrule.autodiff.dump;

import dev.chainrule.autodiff.dump.DumpGraph.Element;
import dev.chainrule.autodiff.graph.ScopePath;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nesting of the drawn nodes in module clusters: the top level holds the nodes placed in no scope and the
 * outermost clusters; a cluster holds its nodes and its inner clusters. Members keep the order of the elements
 * given; clusters are numbered {@code cluster_0, ...} in order of first appearance, so the layout is
 * deterministic. Writers walk it with a {@link Visitor} and never see scopes themselves. Built and walked without
 * recursion, so scopes may nest to any depth.
 */
final class Clusters {
  /** One module scope that holds at least one drawn node, directly or in an inner cluster. */
  static final class Cluster {
    final String id;
    final ScopePath scope;
    final List<String> members = new ArrayList<>();
    final List<Cluster> inner = new ArrayList<>();

    private Cluster(String id, ScopePath scope) {
      this.id = id;
      this.scope = scope;
    }

    /** The scope's own name, e.g. {@code 0 (Linear)}. */
    String label() {
      return scope.name();
    }
  }

  /** What a writer does on entering a cluster, for each member node, and on leaving the cluster. */
  interface Visitor {
    void enter(Cluster cluster, int depth);

    void member(String id, int depth);

    void exit(Cluster cluster, int depth);
  }

  private final List<String> top = new ArrayList<>();
  private final List<Cluster> outermost = new ArrayList<>();

  private Clusters() {}

  static Clusters of(List<? extends Element> elements) {
    Clusters c = new Clusters();
    Map<ScopePath, Cluster> byScope = new LinkedHashMap<>();
    for (Element e : elements) {
      ScopePath scope = e.placement();
      (scope == null ? c.top : c.cluster(scope, byScope).members).add(e.id());
    }
    return c;
  }

  /** The cluster of {@code scope}, made (with those of its enclosing scopes that are missing) if needed. */
  private Cluster cluster(ScopePath scope, Map<ScopePath, Cluster> byScope) {
    Deque<ScopePath> missing = new ArrayDeque<>();
    for (ScopePath p = scope; p != null && !byScope.containsKey(p); p = p.parent()) {
      missing.push(p);
    }
    while (!missing.isEmpty()) { // outermost first, numbered in that order
      ScopePath p = missing.pop();
      List<Cluster> siblings = p.parent() == null ? outermost : byScope.get(p.parent()).inner;
      Cluster made = new Cluster("cluster_" + byScope.size(), p);
      byScope.put(p, made);
      siblings.add(made);
    }
    return byScope.get(scope);
  }

  /** Whether any node is in a cluster. */
  boolean any() {
    return !outermost.isEmpty();
  }

  /** Visits the top-level members, then each cluster depth first (depth 0 is the top level). */
  void walk(Visitor visitor) {
    top.forEach(id -> visitor.member(id, 0));
    // An explicit stack of (cluster, next inner cluster to visit): entered when pushed, left when done.
    Deque<Cluster> stack = new ArrayDeque<>();
    Deque<Integer> next = new ArrayDeque<>();
    for (Cluster outer : outermost) {
      enter(outer, 1, visitor, stack, next);
      while (!stack.isEmpty()) {
        Cluster c = stack.peek();
        int i = next.pop();
        if (i < c.inner.size()) {
          next.push(i + 1);
          enter(c.inner.get(i), stack.size() + 1, visitor, stack, next);
        } else {
          stack.pop();
          visitor.exit(c, stack.size() + 1);
        }
      }
    }
  }

  private static void enter(Cluster cluster, int depth, Visitor visitor, Deque<Cluster> stack,
      Deque<Integer> next) {
    visitor.enter(cluster, depth);
    cluster.members.forEach(id -> visitor.member(id, depth));
    stack.push(cluster);
    next.push(0);
  }
}
