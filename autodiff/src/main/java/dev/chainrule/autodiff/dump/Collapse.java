package dev.chainrule.autodiff.dump;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.graph.ScopePath;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The scopes a dump draws as single boxes. A scope is chosen by its own name ({@code 0 (Linear)}, every scope of
 * that name), by its whole path ({@code Sequential / 0 (Linear)}) or by its depth (1 for outermost scopes). What
 * was recorded inside a collapsed scope belongs to the box of its outermost collapsed enclosing scope.
 *
 * <p>Linear in the number of distinct scopes, however deep they nest: each scope is visited once to collect
 * it, and its box is worked out once from its parent's and remembered.
 */
final class Collapse {
  private final Set<ScopePath> collapsed = new HashSet<>();
  /** The box of each scope asked about so far; empty when it is drawn in full. */
  private final Map<ScopePath, Optional<ScopePath>> boxes = new HashMap<>();

  private Collapse() {}

  /**
   * The collapsed scopes among {@code scopes} (those of the ops in the dump) and their enclosing scopes.
   *
   * @throws IllegalArgumentException if a name matches no scope, listing the scopes there are
   */
  static Collapse resolve(DumpOptions options, Collection<ScopePath> scopes) {
    Set<ScopePath> all = new LinkedHashSet<>();
    Deque<ScopePath> missing = new ArrayDeque<>();
    for (ScopePath s : scopes) {
      // Up to the first path already collected (whose enclosing paths are all collected), then outermost first.
      for (ScopePath p = s; p != null && !all.contains(p); p = p.parent()) {
        missing.push(p);
      }
      while (!missing.isEmpty()) {
        all.add(missing.pop());
      }
    }
    Collapse c = new Collapse();
    for (String name : options.collapse()) {
      // The whole path is spelt out only for a scope whose own name ends the one asked for.
      List<ScopePath> matches = all.stream()
          .filter(p -> p.name().equals(name) || name.endsWith(p.name()) && p.toString().equals(name)).toList();
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
    if (scope == null || collapsed.isEmpty()) {
      return null;
    }
    Optional<ScopePath> known = boxes.get(scope);
    if (known == null) {
      Deque<ScopePath> unknown = new ArrayDeque<>();
      for (ScopePath p = scope; p != null && !boxes.containsKey(p); p = p.parent()) {
        unknown.push(p);
      }
      while (!unknown.isEmpty()) { // outermost first, so each parent's box is known
        ScopePath p = unknown.pop();
        Optional<ScopePath> outer = p.parent() == null ? Optional.empty() : boxes.get(p.parent());
        boxes.put(p, outer.isPresent() || !collapsed.contains(p) ? outer : Optional.of(p));
      }
      known = boxes.get(scope);
    }
    return known.orElse(null);
  }

  /** The scope whose cluster shows something recorded in {@code scope}: outside its box, if it has one. */
  ScopePath visible(ScopePath scope) {
    ScopePath box = boxOf(scope);
    return box == null ? scope : box.parent();
  }
}
