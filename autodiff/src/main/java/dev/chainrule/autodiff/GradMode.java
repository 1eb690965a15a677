package dev.chainrule.autodiff;

import dev.chainrule.autodiff.graph.ScopePath;

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
  private static final ThreadLocal<Flag> ENABLED = ThreadLocal.withInitial(Flag::new);

  /**
   * The mutable per-thread mode; {@link Function#apply} reads and flips it once per op without allocating. It
   * also holds {@link AnomalyMode}'s switch, the open {@link GraphScope}, the default {@link DType} and the open
   * {@link OpProfile}, so one
   * thread-local read per op serves them all.
   */
  static final class Flag {
    boolean enabled = true;
    boolean anomaly;
    /** {@link DType#defaultType()}: per thread, like the rest of the mode. */
    DType defaultType = DType.FLOAT32;
    /** The open {@link OpProfile}, or null. */
    OpProfile profile;
    /** How many ops are running on this thread inside one another, while a profile is open. */
    int profileDepth;
    /** The outermost running op and direction ({@code "Conv2d backward"}), while a profile is open. */
    String profileOuter;
    ScopePath scope;
  }

  private GradMode() {}

  /** Whether operations on this thread currently record the graph. */
  public static boolean isEnabled() {
    return ENABLED.get().enabled;
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
    Flag flag = ENABLED.get();
    boolean previous = flag.enabled;
    flag.enabled = enabled;
    return () -> flag.enabled = previous;
  }

  static Flag flag() {
    return ENABLED.get();
  }

  /** A try-with-resources scope that restores the previous mode when closed. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
