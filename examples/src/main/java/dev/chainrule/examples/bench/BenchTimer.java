package dev.chainrule.examples.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Best-of-N timing: runs the body until the JIT has settled ({@link #warmUp}), then keeps the fastest of several samples, each
 * long enough (tens of milliseconds) that the timer's resolution does not matter. Both wall-clock time and the
 * calling thread's CPU time are kept: on a machine shared with other work the CPU time still shows what one
 * core does while it is ours, whereas the wall-clock time includes the time other processes held it.
 */
final class BenchTimer {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final OperatingSystemMXBean PROCESS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final long SLICE_NANOS = 50_000_000L;
  private static final int STEADY_SLICES = 4;
  private static final long MAX_WARM_UP_NANOS = 3_000_000_000L;
  private static final long SAMPLE_NANOS = 40_000_000L;
  private static final int SAMPLES = 9;

  /**
   * Seconds per call: the best wall-clock sample, the best CPU-time sample of the calling thread, and the best
   * CPU-time sample of the whole process (all threads: what a parallel kernel really spent).
   */
  record Timing(double wallSeconds, double cpuSeconds, double processCpuSeconds) {}

  private BenchTimer() {}

  static Timing best(Runnable body) {
    double perCall = warmUp(body);
    int reps = (int) Math.max(1, Math.ceil(SAMPLE_NANOS / perCall));
    double wall = Double.POSITIVE_INFINITY;
    double cpu = Double.POSITIVE_INFINITY;
    double processCpu = Double.POSITIVE_INFINITY;
    for (int s = 0; s < SAMPLES; s++) {
      long p0 = PROCESS.getProcessCpuTime();
      long c0 = THREADS.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      for (int r = 0; r < reps; r++) {
        body.run();
      }
      wall = Math.min(wall, (System.nanoTime() - t0) / 1e9 / reps);
      cpu = Math.min(cpu, (THREADS.getCurrentThreadCpuTime() - c0) / 1e9 / reps);
      processCpu = Math.min(processCpu, (PROCESS.getProcessCpuTime() - p0) / 1e9 / reps);
    }
    return new Timing(wall, cpu, processCpu);
  }

  /**
   * Calls {@code body} in slices of {@link #SLICE_NANOS} until {@link #STEADY_SLICES} slices in a row are no
   * more than 5% faster per call than the best so far, or {@link #MAX_WARM_UP_NANOS} pass; returns the
   * nanoseconds per call of the best slice. A fixed warm-up was not enough: after the GEMM runs the JIT's
   * queue was still busy, the exp kernel was timed before it was compiled, and it read 350 Melem/s where it
   * runs at 1,500 and more.
   */
  private static double warmUp(Runnable body) {
    long deadline = System.nanoTime() + MAX_WARM_UP_NANOS;
    double best = Double.POSITIVE_INFINITY;
    int steady = 0;
    while (steady < STEADY_SLICES && System.nanoTime() < deadline) {
      long start = System.nanoTime();
      int calls = 0;
      do {
        body.run();
        calls++;
      } while (System.nanoTime() - start < SLICE_NANOS);
      double perCall = (System.nanoTime() - start) / (double) calls;
      if (perCall < best * 0.95) {
        steady = 0;
      } else {
        steady++;
      }
      best = Math.min(best, perCall);
    }
    return best;
  }

  /** CPU seconds the calling thread has used so far. */
  static double threadCpuSeconds() {
    return THREADS.getCurrentThreadCpuTime() / 1e9;
  }
}
