package dev.chainrule.autodiff.dump;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.graph.ScopePath;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The scopes a dump draws as single boxes. A scope is chosen by its own name ({@code 0 (Linear)}, every scope of
 * that name), by its whole path ({@code Sequential / 0 (Linear)}) or by its depth (1 for outermost scopes). What
 * was recorded inside a collapsed scope belongs to the box of its outermost collapsed enclosing scope.
 */
final class Collapse {
  private final Set<ScopePath> collapsed = new HashSet<>();

  private Collapse() {}

  /**
   * The collapsed scopes among {@code scopes} (those of the ops in the dump) and their enclosing scopes.
   *
   * @throws IllegalArgumentException if a name matches no scope, listing the scopes there are
   */
  static Collapse resolve(DumpOptions options, Collection<ScopePath> scopes) {
    Set<ScopePath> all = new LinkedHashSet<>();
    for (ScopePath s : scopes) {
      for (int d = 1; s != null && d <= s.depth(); d++) {
        all.add(s.prefix(d));
      }
    }
    Collapse c = new Collapse();
    for (String name : options.collapse()) {
      List<ScopePath> matches =
          all.stream().filter(p -> p.name().equals(name) || p.toString().equals(name)).toList();
      checkArgument(!matches.isEmpty(), "graph dump: cannot collapse '%s': no module scope of that name in this"
          + " graph; its scopes are %s", name, all.stream().map(ScopePath::toString).toList());
      c.collapsed.addAll(matches);
    }
    for (ScopePath p : all) {
      if (p.depth() == options.collapseDepth()) {
        c.collapsed.add(p);
      }
    }
    return c;
  }

  /** The outermost collapsed scope that is or encloses {@code scope}; null when it is drawn in full. */
  ScopePath boxOf(ScopePath scope) {
    for (int d = 1; scope != null && d <= scope.depth(); d++) {
      ScopePath p = scope.prefix(d);
      if (collapsed.contains(p)) {
        return p;
      }
    }
    return null;
  }

  /** The scope whose cluster shows something recorded in {@code scope}: outside its box, if it has one. */
  ScopePath visible(ScopePath scope) {
    ScopePath box = boxOf(scope);
    return box == null ? scope : box.parent();
  }
}
