package dev.chainrule.examples.bench;

/**
 * Best-of-N wall-clock timing: runs the body until the JIT has settled, then reports the fastest of several
 * samples, each long enough (tens of milliseconds) that the timer's resolution does not matter.
 */
final class BenchTimer {
  private static final long WARM_UP_NANOS = 300_000_000L;
  private static final long SAMPLE_NANOS = 40_000_000L;
  private static final int SAMPLES = 9;

  private BenchTimer() {}

  /** Seconds per call of {@code body}, the best of {@value #SAMPLES} samples after a warm-up. */
  static double bestSeconds(Runnable body) {
    long start = System.nanoTime();
    int calls = 0;
    while (System.nanoTime() - start < WARM_UP_NANOS) {
      body.run();
      calls++;
    }
    double perCall = (System.nanoTime() - start) / (double) calls;
    int reps = (int) Math.max(1, Math.ceil(SAMPLE_NANOS / perCall));
    double best = Double.POSITIVE_INFINITY;
    for (int s = 0; s < SAMPLES; s++) {
      long t0 = System.nanoTime();
      for (int r = 0; r < reps; r++) {
        body.run();
      }
      best = Math.min(best, (System.nanoTime() - t0) / 1e9 / reps);
    }
    return best;
  }
}
