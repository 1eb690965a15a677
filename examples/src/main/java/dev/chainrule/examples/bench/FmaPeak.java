package dev.chainrule.examples.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The machine's measured FP32 FMA peak: a loop of {@value #CHAINS} independent vector FMA chains, enough to
 * cover the FMA latency times the number of FMA units (5 cycles x 2 on Zen 2, 4 x 2 on Skylake), so the loop
 * runs at the FMA units' throughput. This is the ceiling GEMM is measured against.
 */
final class FmaPeak {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int CHAINS = 12;
  private static final int ITERATIONS = 10_000_000;

  private FmaPeak() {}

  /** Peak of {@code threads} threads at once: wall-clock GFLOP/s, and GFLOP per CPU-second of one thread. */
  record Peak(double wallGflops, double cpuGflops) {}

  /** The best of several runs of the FMA loop on {@code threads} threads (2 flops per lane per FMA). */
  static Peak measure(int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      // Warm-up by many short calls, so that the JIT compiles the whole method rather than only replacing the
      // running loop on the stack (an OSR compile, which can keep the accumulators in memory).
      for (int w = 0; w < 200; w++) {
        run(pool, threads, ITERATIONS / 1000);
      }
      double wall = Double.POSITIVE_INFINITY;
      double cpu = Double.POSITIVE_INFINITY;
      for (int s = 0; s < 7; s++) {
        long t0 = System.nanoTime();
        cpu = Math.min(cpu, run(pool, threads, ITERATIONS));
        wall = Math.min(wall, (System.nanoTime() - t0) / 1e9);
      }
      double flopsPerThread = (double) ITERATIONS * CHAINS * F.length() * 2.0;
      return new Peak(threads * flopsPerThread / wall / 1e9, flopsPerThread / cpu / 1e9);
    } finally {
      pool.shutdown();
    }
  }

  /** Runs the loop once on every thread; returns the largest CPU time one thread used, in seconds. */
  private static double run(ExecutorService pool, int threads, int iterations) throws Exception {
    List<Future<double[]>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Callable<double[]> loop = () -> {
        double c0 = BenchTimer.threadCpuSeconds();
        float sink = chains(iterations);
        return new double[] {BenchTimer.threadCpuSeconds() - c0, sink};
      };
      results.add(pool.submit(loop));
    }
    double cpu = 0;
    double sink = 0;
    for (Future<double[]> r : results) {
      cpu = Math.max(cpu, r.get()[0]);
      sink += r.get()[1];
    }
    if (sink == 42.4242) {
      System.out.println(); // keeps the result live
    }
    return cpu;
  }

  /** {@value #CHAINS} chains {@code c = c * x + y}, x just under 1 so nothing overflows. */
  private static float chains(int iterations) {
    FloatVector x = FloatVector.broadcast(F, 0.999999f);
    FloatVector y = FloatVector.broadcast(F, 1e-6f);
    FloatVector c0 = FloatVector.broadcast(F, 0f);
    FloatVector c1 = FloatVector.broadcast(F, 1f);
    FloatVector c2 = FloatVector.broadcast(F, 2f);
    FloatVector c3 = FloatVector.broadcast(F, 3f);
    FloatVector c4 = FloatVector.broadcast(F, 4f);
    FloatVector c5 = FloatVector.broadcast(F, 5f);
    FloatVector c6 = FloatVector.broadcast(F, 6f);
    FloatVector c7 = FloatVector.broadcast(F, 7f);
    FloatVector c8 = FloatVector.broadcast(F, 8f);
    FloatVector c9 = FloatVector.broadcast(F, 9f);
    FloatVector c10 = FloatVector.broadcast(F, 10f);
    FloatVector c11 = FloatVector.broadcast(F, 11f);
    for (int i = 0; i < iterations; i++) {
      c0 = c0.fma(x, y);
      c1 = c1.fma(x, y);
      c2 = c2.fma(x, y);
      c3 = c3.fma(x, y);
      c4 = c4.fma(x, y);
      c5 = c5.fma(x, y);
      c6 = c6.fma(x, y);
      c7 = c7.fma(x, y);
      c8 = c8.fma(x, y);
      c9 = c9.fma(x, y);
      c10 = c10.fma(x, y);
      c11 = c11.fma(x, y);
    }
    return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
        .reduceLanes(VectorOperators.ADD);
  }
}
