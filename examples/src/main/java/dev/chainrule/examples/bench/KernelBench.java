package dev.chainrule.examples.bench;

import dev.chainrule.autodiff.kernel.BinaryOp;
import dev.chainrule.autodiff.kernel.Kernels;
import dev.chainrule.autodiff.kernel.Parallelism;
import dev.chainrule.autodiff.kernel.UnaryOp;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Random;

/**
 * Kernel benchmark: the FP32 FMA peak of this machine, GEMM GFLOP/s against it on one and two threads, and
 * the throughput of the vector transcendental functions against a scalar {@code Math} loop. Hand-written
 * warm-up and best-of-N timing ({@link BenchTimer}); about a minute in all.
 *
 * <pre>
 * mvn -q package -DskipTests -Pbench -pl examples -am
 * </pre>
 */
public final class KernelBench {
  private static final int[] GEMM_SIZES = {128, 256, 512, 1024};
  private static final int ELEMENTS = 1 << 20;

  private KernelBench() {}

  public static void main(String[] args) throws Exception {
    Kernels kernels = Kernels.get();
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf("JDK %s (%s), kernels: %s, %d cores, load average at start %.2f%n", Runtime.version(),
        System.getProperty("java.vm.name"), kernels.name(), cores,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

    FmaPeak.Peak peak1 = FmaPeak.measure(1);
    FmaPeak.Peak peakAll = FmaPeak.measure(cores);
    System.out.printf("FP32 FMA peak: 1 thread %.1f GFLOP/s (%.1f per CPU-second); %d threads %.1f GFLOP/s%n",
        peak1.wallGflops(), peak1.cpuGflops(), cores, peakAll.wallGflops());

    System.out.println();
    System.out.println("GEMM (float, C = A B, square n), GFLOP/s. 1 thr: % of the 1-thread peak; CPU: per"
        + " CPU-second of the caller; 2 thr: % of the 2-thread peak; 2 thr CPU: per CPU-second of the whole"
        + " process, which equals the 1-thread CPU figure when splitting the work wastes none");
    System.out.printf("%6s %10s %6s %10s %6s %10s %6s %8s %10s%n", "n", "1 thr", "%", "1 thr CPU", "%", "2 thr",
        "%", "speedup", "2 thr CPU");
    int saved = Parallelism.threads();
    try {
      for (int n : GEMM_SIZES) {
        BenchTimer.Timing t1 = gemm(kernels, n, 1);
        BenchTimer.Timing t2 = gemm(kernels, n, 2);
        double flops = 2.0 * n * n * n / 1e9;
        double g1 = flops / t1.wallSeconds();
        double c1 = flops / t1.cpuSeconds();
        double g2 = flops / t2.wallSeconds();
        double c2 = flops / t2.processCpuSeconds();
        System.out.printf("%6d %10.1f %5.0f%% %10.1f %5.0f%% %10.1f %5.0f%% %7.2fx %10.1f%n", n, g1,
            100 * g1 / peak1.wallGflops(), c1, 100 * c1 / peak1.cpuGflops(), g2, 100 * g2 / peakAll.wallGflops(),
            g2 / g1, c2);
      }
    } finally {
      Parallelism.setThreads(saved);
    }

    System.out.println();
    System.out.printf("Elementwise over %d floats (Melem/s, one thread)%n", ELEMENTS);
    System.out.printf("%8s %12s %12s %8s%n", "op", "vector", "scalar Math", "ratio");
    float[] x = new float[ELEMENTS];
    float[] out = new float[ELEMENTS];
    Random random = new Random(7);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (random.nextGaussian() * 4);
    }
    for (UnaryOp op : new UnaryOp[] {UnaryOp.EXP, UnaryOp.SIGMOID, UnaryOp.TANH}) {
      double vector = ELEMENTS / BenchTimer.best(() -> kernels.unary(op, 0, x, 0, out, 0, ELEMENTS)).wallSeconds()
          / 1e6;
      double scalar = ELEMENTS / BenchTimer.best(() -> scalarLoop(op, x, out)).wallSeconds() / 1e6;
      System.out.printf("%8s %12.0f %12.0f %7.1fx%n", op.name().toLowerCase(Locale.ROOT), vector,
          scalar, vector / scalar);
    }
    reluRows(kernels, x, out);
    System.out.println();
    GraphBench.report(System.out);
    System.out.printf("%nload average at end %.2f%n", ManagementFactory.getOperatingSystemMXBean()
        .getSystemLoadAverage());
  }

  private static BenchTimer.Timing gemm(Kernels kernels, int n, int threads) {
    Parallelism.setThreads(threads);
    Random random = new Random(n);
    float[] a = new float[n * n];
    float[] b = new float[n * n];
    float[] c = new float[n * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = random.nextFloat() - 0.5f;
      b[i] = random.nextFloat() - 0.5f;
    }
    return BenchTimer.best(() -> kernels.gemm(n, n, n, a, 0, false, b, 0, false, c, 0));
  }

  /**
   * ReLU and its gradient, which keep NaN ({@code x <= 0 ? 0 : x}; {@code g * relu'(x)} with IEEE products), against
   * the same definitions as plain loops.
   */
  private static void reluRows(Kernels kernels, float[] x, float[] out) {
    float[] g = new float[x.length];
    Random random = new Random(8);
    for (int i = 0; i < g.length; i++) {
      g[i] = (float) random.nextGaussian();
    }
    double vector = ELEMENTS / BenchTimer.best(() -> kernels.unary(UnaryOp.RELU, 0, x, 0, out, 0, ELEMENTS))
        .wallSeconds() / 1e6;
    double scalar = ELEMENTS / BenchTimer.best(() -> {
      for (int i = 0; i < x.length; i++) {
        out[i] = x[i] <= 0 ? 0 : x[i];
      }
    }).wallSeconds() / 1e6;
    System.out.printf("%8s %12.0f %12.0f %7.1fx%n", "relu", vector, scalar, vector / scalar);
    vector = ELEMENTS / BenchTimer.best(() -> kernels.binary(BinaryOp.RELU_BACKWARD, g, 0, false, x, 0, false, out,
        0, ELEMENTS)).wallSeconds() / 1e6;
    scalar = ELEMENTS / BenchTimer.best(() -> {
      for (int i = 0; i < x.length; i++) {
        out[i] = x[i] > 0 ? g[i] : x[i] <= 0 && Float.isFinite(g[i]) ? 0 : Float.NaN;
      }
    }).wallSeconds() / 1e6;
    System.out.printf("%8s %12.0f %12.0f %7.1fx%n", "relu'", vector, scalar, vector / scalar);
  }

  /** The obvious scalar loop over {@code java.lang.Math}, what the vector kernels are compared with. */
  private static void scalarLoop(UnaryOp op, float[] x, float[] out) {
    switch (op) {
      case EXP -> {
        for (int i = 0; i < x.length; i++) {
          out[i] = (float) Math.exp(x[i]);
        }
      }
      case SIGMOID -> {
        for (int i = 0; i < x.length; i++) {
          out[i] = (float) (1 / (1 + Math.exp(-x[i])));
        }
      }
      case TANH -> {
        for (int i = 0; i < x.length; i++) {
          out[i] = (float) Math.tanh(x[i]);
        }
      }
      default -> throw new IllegalArgumentException("no scalar loop for " + op);
    }
  }
}
