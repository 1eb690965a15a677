package dev.chainrule.examples.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Best-of-N timing: runs the body until the JIT has settled, then keeps the fastest of several samples, each
 * long enough (tens of milliseconds) that the timer's resolution does not matter. Both wall-clock time and the
 * calling thread's CPU time are kept: on a machine shared with other work the CPU time still shows what one
 * core does while it is ours, whereas the wall-clock time includes the time other processes held it.
 */
final class BenchTimer {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final OperatingSystemMXBean PROCESS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final long WARM_UP_NANOS = 300_000_000L;
  private static final long SAMPLE_NANOS = 40_000_000L;
  private static final int SAMPLES = 9;

  /**
   * Seconds per call: the best wall-clock sample, the best CPU-time sample of the calling thread, and the best
   * CPU-time sample of the whole process (all threads: what a parallel kernel really spent).
   */
  record Timing(double wallSeconds, double cpuSeconds, double processCpuSeconds) {}

  private BenchTimer() {}

  static Timing best(Runnable body) {
    long start = System.nanoTime();
    int calls = 0;
    while (System.nanoTime() - start < WARM_UP_NANOS) {
      body.run();
      calls++;
    }
    double perCall = (System.nanoTime() - start) / (double) calls;
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

  /** CPU seconds the calling thread has used so far. */
  static double threadCpuSeconds() {
    return THREADS.getCurrentThreadCpuTime() / 1e9;
  }
}
