package dev.chainrule.autodiff.kernel;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import com.google.common.util.concurrent.Uninterruptibles;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * How many threads a kernel may use, and the shared pool it runs them on. The pool holds daemon threads, so it
 * never keeps a JVM alive; the calling thread always does one share of the work itself.
 */
public final class Parallelism {
  private static final ExecutorService POOL = Executors.newCachedThreadPool(
      new ThreadFactoryBuilder().setDaemon(true).setNameFormat("chainrule-kernel-%d").build());

  /**
   * Elements below which an elementwise or update pass stays on the calling thread: 64K floats take about 10
   * to 30 microseconds, about what handing half of them to a pooled thread costs.
   */
  static final int MIN_PARALLEL_ELEMENTS = 1 << 16;

  /** A pass over the elements {@code [from, to)}. */
  @FunctionalInterface
  interface RangeTask {
    void run(int from, int to);
  }

  private static volatile int threads = Runtime.getRuntime().availableProcessors();

  private Parallelism() {}

  /** The most threads one kernel call uses; defaults to the number of available processors. */
  public static int threads() {
    return threads;
  }

  /** Sets the most threads one kernel call uses, e.g. 1 for reproducible single-core timings. */
  public static void setThreads(int count) {
    checkArgument(count >= 1, "threads must be at least 1, got %s", count);
    threads = count;
  }

  /**
   * Runs {@code task} over {@code [0, n)}: in one call below {@link #MIN_PARALLEL_ELEMENTS} or with one thread,
   * else in one contiguous range per thread. Every boundary but the last is a multiple of 64, so a vector loop
   * over a range leaves the same scalar tail as over the whole, and the result does not depend on the split.
   */
  static void forRange(int n, RangeTask task) {
    int tasks = n < MIN_PARALLEL_ELEMENTS ? 1 : threads;
    if (tasks <= 1) {
      task.run(0, n);
      return;
    }
    int chunk = (n / tasks + 63) & ~63;
    run(tasks, t -> task.run(Math.min(n, t * chunk), t == tasks - 1 ? n : Math.min(n, (t + 1) * chunk)));
  }

  /**
   * Runs {@code task.accept(t)} for every {@code t < tasks} and returns when all are done: task 0 on the
   * calling thread, the others on the pool. The first failure of any task is rethrown.
   */
  static void run(int tasks, IntConsumer task) {
    checkArgument(tasks >= 1, "tasks must be at least 1, got %s", tasks);
    Future<?>[] forked = new Future<?>[tasks - 1];
    for (int t = 1; t < tasks; t++) {
      int index = t;
      forked[t - 1] = POOL.submit(() -> task.accept(index));
    }
    RuntimeException failure = null;
    try {
      task.accept(0);
    } catch (RuntimeException e) {
      failure = e;
    }
    for (Future<?> f : forked) {
      try {
        Uninterruptibles.getUninterruptibly(f);
      } catch (ExecutionException e) {
        RuntimeException cause =
            e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        if (failure == null) {
          failure = cause;
        } else {
          failure.addSuppressed(cause);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
