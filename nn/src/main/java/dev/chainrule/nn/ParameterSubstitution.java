package dev.chainrule.nn;

import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Tensor;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The replacements {@link Module#forwardWith} makes, per thread: module, then local parameter name, to the
 * tensor used instead. The modules themselves are never changed, so a forward pass on another thread keeps
 * reading the real parameters.
 */
final class ParameterSubstitution {
  private static final ThreadLocal<Map<Module, Map<String, Tensor>>> ACTIVE = new ThreadLocal<>();

  private ParameterSubstitution() {}

  /** The tensor substituted for {@code owner}'s parameter {@code name} on this thread, or null. */
  static Tensor lookup(Module owner, String name) {
    Map<Module, Map<String, Tensor>> active = ACTIVE.get();
    if (active == null) {
      return null;
    }
    Map<String, Tensor> own = active.get(owner);
    return own == null ? null : own.get(name);
  }

  /**
   * Adds {@code replacements} (module, then local name, to tensor) to this thread's until the returned scope is
   * closed, which restores the substitutions before it; an inner replacement of the same parameter wins.
   */
  static GradMode.Scope enter(Map<Module, Map<String, Tensor>> replacements) {
    Map<Module, Map<String, Tensor>> previous = ACTIVE.get();
    Map<Module, Map<String, Tensor>> merged = new IdentityHashMap<>();
    if (previous != null) {
      previous.forEach((module, own) -> merged.put(module, Map.copyOf(own)));
    }
    replacements.forEach((module, own) -> {
      Map<String, Tensor> both = new HashMap<>(merged.getOrDefault(module, Map.of()));
      both.putAll(own);
      merged.put(module, Map.copyOf(both));
    });
    ACTIVE.set(merged);
    return () -> ACTIVE.set(previous);
  }
}
