package dev.chainrule.autodiff.kernel;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import com.google.common.util.concurrent.Uninterruptibles;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
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
   * Runs {@code task.accept(t)} for every {@code t < tasks} and returns when all are done. The calling thread and
   * {@code tasks - 1} pooled helpers take tasks from a shared counter, so when a helper starts late (on a
   * shared host its core may be busy elsewhere) the caller runs its task too instead of waiting for it; the
   * caller waits only for tasks already started. The first failure of any task is rethrown, later ones are
   * suppressed into it.
   */
  static void run(int tasks, IntConsumer task) {
    checkArgument(tasks >= 1, "tasks must be at least 1, got %s", tasks);
    if (tasks == 1) {
      task.accept(0);
      return;
    }
    Work work = new Work(tasks, task);
    for (int t = 1; t < tasks; t++) {
      POOL.execute(work::drain);
    }
    work.drain();
    Uninterruptibles.awaitUninterruptibly(work.done);
    if (work.failure != null) {
      throw work.failure;
    }
  }

  /** The tasks of one {@link #run}: a counter to claim the next, and a latch counting the finished. */
  private static final class Work {
    private final int tasks;
    private final IntConsumer task;
    private final AtomicInteger next = new AtomicInteger();
    final CountDownLatch done;
    RuntimeException failure;

    Work(int tasks, IntConsumer task) {
      this.tasks = tasks;
      this.task = task;
      this.done = new CountDownLatch(tasks);
    }

    void drain() {
      for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
        try {
          task.accept(t);
        } catch (RuntimeException | Error e) {
          fail(e instanceof RuntimeException re ? re : new IllegalStateException(e));
        } finally {
          done.countDown();
        }
      }
    }

    private synchronized void fail(RuntimeException e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
  }
}
