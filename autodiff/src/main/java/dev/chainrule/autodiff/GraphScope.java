package dev.chainrule.autodiff;

import dev.chainrule.autodiff.graph.ScopePath;

/**
 * Named, nested scopes that every node recorded inside them remembers ({@link
 * dev.chainrule.autodiff.graph.Node#scope}), so that a graph dump can group the nodes a module made into one
 * cluster, or collapse them into one box. Per thread, like {@link GradMode}, and kept in the same per-thread flag,
 * so recording a node reads one more field and allocates nothing:
 *
 * <pre>{@code
 * try (var s = GraphScope.enter("encoder (Sequential)")) {
 *   h = x.matmul(w).add(b).tanh();     // these three nodes have the scope path "encoder (Sequential)"
 * }
 * }</pre>
 *
 * <p>{@code nn.Module.call} enters a scope named after the module, so nested modules give nested paths.
 */
public final class GraphScope {
  private GraphScope() {}

  /**
   * Opens the scope {@code name} inside the current one until the returned scope is closed, which restores the
   * enclosing scope.
   *
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public static GradMode.Scope enter(String name) {
    GradMode.Flag flag = GradMode.flag();
    ScopePath previous = flag.scope;
    flag.scope = ScopePath.child(previous, name);
    return () -> flag.scope = previous;
  }

  /** The scope open on this thread, or null at the top level. */
  public static ScopePath current() {
    return GradMode.flag().scope;
  }
}
