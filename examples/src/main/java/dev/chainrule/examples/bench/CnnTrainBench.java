package dev.chainrule.examples.bench;

import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.OpProfile;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.Kernels;
import dev.chainrule.autodiff.kernel.Parallelism;
import dev.chainrule.examples.SmallCnn;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.Datasets;
import dev.chainrule.nn.data.TensorDataset;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.layers.ReLU;
import dev.chainrule.nn.layers.Sequential;
import dev.chainrule.nn.layers.conv.Conv2d;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.Optimizer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Locale;

/**
 * CNN training benchmark: one epoch of the small Fashion-MNIST CNN ({@link SmallCnn}: conv 16 and conv 32,
 * 3x3 with padding 1, each followed by ReLU and a 2x2 max pool, then 1568-128-10), Adam (lr 1e-3), batch 64,
 * shuffled, the 60,000 training images in memory as {@code (N, 1, 28, 28)}, after a warm-up epoch, at 1 and 2
 * threads. Per setting it prints seconds per epoch, samples per second, the process's CPU seconds, the mean loss,
 * the training step's GFLOP/s as a share of the measured FMA peak, and the peak heap; then where the time of the
 * last timed epoch went, from an {@link OpProfile}. The same epoch in PyTorch is
 * {@code examples/python/train_bench_cnn_torch.py}.
 *
 * <p>FLOPs count the multiply-adds of the convolutions and linear layers, 2 per multiply-add: forward, the weight
 * gradient, and the input gradient of every layer but the first (whose input needs none). Pooling, activations,
 * the loss and the optimizer are left out, so the figure slightly understates the work.
 */
public final class CnnTrainBench {
  static final int BATCH = 64;
  private static final long SEED = 42;
  private static final com.sun.management.OperatingSystemMXBean PROCESS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private CnnTrainBench() {}

  /** The model, with weights seeded so every run starts from the same point. */
  static Sequential model() {
    return SmallCnn.build(28, 28, new int[] {128, 10}, ReLU::new, false, new Rng(SEED));
  }

  /** Timed epochs per setting (the best is reported) and the thread counts to run. */
  public static void run(int epochs, int[] threads) throws Exception {
    TensorDataset train = Datasets.fashionMnist(true);
    FmaPeak.Peak peak1 = FmaPeak.measure(1);
    FmaPeak.Peak peak2 = FmaPeak.measure(2);
    System.out.printf(Locale.ROOT, "JDK %s, kernels: %s, %d cores, load average at start %.2f%n", Runtime.version(),
        Kernels.get().name(), Runtime.getRuntime().availableProcessors(), PROCESS.getSystemLoadAverage());
    System.out.printf(Locale.ROOT, "FP32 FMA peak: 1 thread %.1f GFLOP/s, 2 threads %.1f GFLOP/s%n",
        peak1.wallGflops(), peak2.wallGflops());
    double flopsPerSample = trainingFlopsPerSample(model());
    System.out.printf(Locale.ROOT, "Fashion-MNIST CNN conv16-pool-conv32-pool-128-10, batch %d, Adam 1e-3, %d"
        + " samples, %.2f MFLOP per sample per step; warm-up epoch, then best of %d timed epoch(s)%n", BATCH,
        train.size(), flopsPerSample / 1e6, epochs);
    System.out.printf("%7s %10s %12s %10s %10s %9s %7s %10s%n", "threads", "s/epoch", "samples/s", "CPU s", "loss",
        "GFLOP/s", "% peak", "peak heap");
    int saved = Parallelism.threads();
    OpProfile last = null;
    try {
      for (int t : threads) {
        Parallelism.setThreads(t);
        Module model = model();
        Optimizer opt = new Adam(model.parameters(), 1e-3);
        DataLoader loader = DataLoader.builder(train).batchSize(BATCH).shuffle(SEED).build();
        TrainBench.epoch(model, opt, loader);
        double best = Double.POSITIVE_INFINITY;
        double bestCpu = Double.POSITIVE_INFINITY;
        double loss = Double.NaN;
        resetPeakHeap();
        for (int e = 0; e < epochs; e++) {
          long c0 = PROCESS.getProcessCpuTime();
          long t0 = System.nanoTime();
          try (OpProfile profile = OpProfile.start()) {
            loss = TrainBench.epoch(model, opt, loader);
            last = profile;
          }
          best = Math.min(best, (System.nanoTime() - t0) / 1e9);
          bestCpu = Math.min(bestCpu, (PROCESS.getProcessCpuTime() - c0) / 1e9);
        }
        double gflops = flopsPerSample * train.size() / best / 1e9;
        double peak = t == 1 ? peak1.wallGflops() : peak2.wallGflops();
        System.out.printf(Locale.ROOT, "%7d %10.3f %12.0f %10.3f %10.4f %9.1f %6.1f%% %7.0f MiB%n", t, best,
            train.size() / best, bestCpu, loss, gflops, 100 * gflops / peak, peakHeap() / 1048576.0);
      }
    } finally {
      Parallelism.setThreads(saved);
    }
    System.out.printf("%nWhere the last timed epoch's time went (%d thread(s)):%n", threads[threads.length - 1]);
    System.out.print(last.table());
    System.out.printf(Locale.ROOT, "load average at end %.2f%n", PROCESS.getSystemLoadAverage());
  }

  /**
   * The multiply-add FLOPs of one training step per sample: for every convolution and linear layer, forward, the
   * weight gradient, and the input gradient unless it is the first layer, each {@code 2 x} its multiply-adds.
   */
  static double trainingFlopsPerSample(Sequential model) {
    List<Module> layers = model.children();
    Tensor x = Tensor.zeros(1, 1, 28, 28);
    double flops = 0;
    boolean first = true;
    try (var off = GradMode.off()) {
      for (Module layer : layers) {
        Tensor y = layer.call(x);
        // a convolution: per output element, one multiply-add per weight of its filter
        long macs = layer instanceof Conv2d conv ? y.size() * (conv.weight().size() / conv.outChannels())
            : layer instanceof Linear ? (long) x.size() * y.size() : 0;
        flops += 2.0 * macs * (first ? 2 : 3);
        first &= macs == 0;
        x = y;
      }
    }
    return flops;
  }

  private static void resetPeakHeap() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** The sum of the heap pools' peak usage since {@link #resetPeakHeap}: an upper bound of the peak heap. */
  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
