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
