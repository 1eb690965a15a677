package dev.chainrule.autodiff.graph;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where a node was recorded: the names of the nested scopes that were open, outermost first, e.g.
 * {@code Sequential / 0 (Linear)}. Immutable and shared: a scope path is made once when a scope is entered and
 * every node recorded inside holds a reference to it, so recording costs no allocation. The root (no scope open)
 * is {@code null}, never a path.
 */
public final class ScopePath {
  private final ScopePath parent;
  private final String name;
  private final int depth;
  /** Computed once from the parent's, so hashing a deep path is not a walk up its whole chain. */
  private final int hash;

  private ScopePath(ScopePath parent, String name) {
    this.parent = parent;
    this.name = name;
    this.depth = parent == null ? 1 : parent.depth + 1;
    this.hash = 31 * (parent == null ? 0 : parent.hash) + name.hashCode();
  }

  /** The path {@code parent / name}; {@code parent} null for a scope entered at the top level. */
  public static ScopePath child(ScopePath parent, String name) {
    checkNotNull(name, "scope: name is null");
    checkArgument(!name.isBlank(), "scope: name must not be blank");
    return new ScopePath(parent, name);
  }

  /** The enclosing scope, or null for an outermost one. */
  public ScopePath parent() {
    return parent;
  }

  /** The innermost scope's name. */
  public String name() {
    return name;
  }

  /** The number of names in the path: 1 for an outermost scope. */
  public int depth() {
    return depth;
  }

  /** The names, outermost first. */
  public List<String> names() {
    List<String> names = new ArrayList<>(depth);
    for (ScopePath p = this; p != null; p = p.parent) {
      names.add(p.name);
    }
    Collections.reverse(names);
    return names;
  }

  /** This path cut to its first {@code depth} names; this path itself when it is no deeper. */
  public ScopePath prefix(int depth) {
    checkArgument(depth >= 1, "scope: prefix depth is %s; it must be at least 1", depth);
    ScopePath p = this;
    while (p.depth > depth) {
      p = p.parent;
    }
    return p;
  }

  /** Whether {@code other} is this path or lies inside it. */
  public boolean contains(ScopePath other) {
    return other != null && other.depth >= depth && equals(other.prefix(depth));
  }

  /** The longest path both lie in, or null when they share no outer scope (either null included). */
  public static ScopePath common(ScopePath a, ScopePath b) {
    if (a == null || b == null) {
      return null;
    }
    ScopePath x = a.prefix(Math.min(a.depth, b.depth));
    ScopePath y = b.prefix(x.depth);
    while (x != null && !x.equals(y)) {
      x = x.parent;
      y = y.parent;
    }
    return x;
  }

  /**
   * Paths are equal when their names are, so a module called twice records two equal paths. Compared up the
   * chain until the two share an enclosing path object, without recursion, so any depth works.
   */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ScopePath other) || other.depth != depth || other.hash != hash) {
      return false;
    }
    for (ScopePath a = this, b = other; a != b; a = a.parent, b = b.parent) {
      if (!a.name.equals(b.name)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** The names joined by {@code " / "}. */
  @Override
  public String toString() {
    return String.join(" / ", names());
  }
}
