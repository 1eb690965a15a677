package dev.chainrule.autodiff;

/**
 * Whether operations on this thread record the graph. On by default. Turn it off for inference and for
 * parameter updates:
 *
 * <pre>{@code
 * try (var off = GradMode.off()) {
 *   w.subInPlace(w.grad().mul(lr));
 * }
 * }</pre>
 */
public final class GradMode {
  private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

  private GradMode() {}

  /** Whether operations on this thread currently record the graph. */
  public static boolean isEnabled() {
    return ENABLED.get()[0];
  }

  /** Stops recording until the returned scope is closed, which restores the previous mode. */
  public static Scope off() {
    return set(false);
  }

  /** Records until the returned scope is closed, even inside an {@link #off()} scope. */
  public static Scope on() {
    return set(true);
  }

  /** Sets the mode until the returned scope is closed. */
  public static Scope set(boolean enabled) {
    boolean[] flag = ENABLED.get();
    boolean previous = flag[0];
    flag[0] = enabled;
    return () -> flag[0] = previous;
  }

  /** A try-with-resources scope that restores the previous mode when closed. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
