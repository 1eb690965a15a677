package dev.chainrule.autodiff.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

/**
 * Measures the heap a piece of code allocates on the calling thread (HotSpot's per-thread allocation counter),
 * so that a test can prove a reader refuses a file without allocating what its header claims.
 */
public final class Allocations {
  private Allocations() {}

  /** Code under measurement; it may throw, and what it throws is returned rather than propagated. */
  public interface Action {
    void run() throws Exception;
  }

  /** What {@link #measure} saw: the bytes allocated and the exception thrown, null when there was none. */
  public record Measured(long bytes, Throwable thrown) {}

  /** Runs {@code action} once on this thread and reports how many bytes it allocated and what it threw. */
  public static Measured measure(Action action) {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
        "this JVM does not count allocated bytes per thread");
    long before = threads.getCurrentThreadAllocatedBytes();
    Throwable thrown = null;
    try {
      action.run();
    } catch (Exception | Error e) {
      thrown = e;
    }
    return new Measured(threads.getCurrentThreadAllocatedBytes() - before, thrown);
  }
}
