package dev.chainrule.nn;

import dev.chainrule.autodiff.GradMode;

/**
 * The per-thread switch behind {@link Module#evaluating()}: while it is on, every module computes on this thread
 * as in evaluation mode, whatever its own (shared) mode says. Like {@link GradMode}, a scope restores the
 * previous state when closed, so scopes nest.
 */
final class EvaluationMode {
  private static final ThreadLocal<boolean[]> ACTIVE = ThreadLocal.withInitial(() -> new boolean[1]);

  private EvaluationMode() {}

  /** Whether this thread is inside an evaluation scope. */
  static boolean active() {
    return ACTIVE.get()[0];
  }

  /** Turns the switch on for this thread until the returned scope is closed. */
  static GradMode.Scope enter() {
    boolean[] flag = ACTIVE.get();
    boolean previous = flag[0];
    flag[0] = true;
    return () -> flag[0] = previous;
  }
}
