package dev.chainrule.examples.bench;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.kernel.Kernels;
import dev.chainrule.autodiff.kernel.Parallelism;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.Datasets;
import dev.chainrule.nn.data.TensorDataset;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.layers.ReLU;
import dev.chainrule.nn.layers.Sequential;
import dev.chainrule.nn.loss.CrossEntropyLoss;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.SGD;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Training benchmark: one epoch of the Fashion-MNIST MLP 784-256-128-10 (ReLU, cross-entropy from logits,
 * batch 128, shuffled, the 60,000 training images in memory) after a warm-up epoch, with Adam (lr 1e-3) and
 * with SGD momentum 0.9 (lr 0.01), at 1 and 2 threads. Prints seconds per epoch, samples per second and the
 * mean training loss of the timed epoch (a sanity check: it should fall below about 0.5). The training loop is
 * written out by hand: zeroGrad, forward, loss, backward, step. The same epoch in PyTorch is
 * {@code examples/python/train_bench_torch.py}.
 *
 * <pre>
 * ./chainrule bench train                    # 1 timed epoch per setting
 * ./chainrule bench train --epochs 3         # best of 3 timed epochs
 * ./chainrule bench train --memory 1000      # also: used heap after GC at step 100 and at step 1000
 * </pre>
 */
public final class TrainBench {
  static final int BATCH = 128;
  private static final com.sun.management.OperatingSystemMXBean PROCESS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final long SEED = 42;

  private TrainBench() {}

  /** One configuration: an optimizer name and how to build it. */
  record Setting(String name, Function<List<Tensor>, Optimizer> optimizer) {}

  static final List<Setting> SETTINGS = List.of(
      new Setting("Adam", p -> new Adam(p, 1e-3)),
      new Setting("SGD momentum", p -> SGD.builder(p).learningRate(0.01).momentum(0.9).build()));

  /** The model, with weights seeded so every run starts from the same point. */
  static Module model() {
    Rng rng = new Rng(SEED);
    return new Sequential(new Linear(784, 256, rng), new ReLU(), new Linear(256, 128, rng), new ReLU(),
        new Linear(128, 10, rng));
  }

  /**
   * Arguments: {@code [--epochs N] [--threads 1,2] [--memory STEPS]}: timed epochs per setting (the best is
   * reported), thread counts, and a heap check over that many steps (0 skips it).
   */
  public static void main(String[] args) throws Exception {
    int epochs = 1;
    int[] threads = {1, 2};
    int memorySteps = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--epochs" -> epochs = Integer.parseInt(args[++i]);
        case "--threads" -> threads = java.util.Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt)
            .toArray();
        case "--memory" -> memorySteps = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("TrainBench: unknown argument " + args[i]);
      }
    }
    run(epochs, threads, memorySteps);
  }

  public static void run(int epochs, int[] threads, int memorySteps) throws Exception {
    TensorDataset train = Datasets.fashionMnist(true).flatten();
    System.out.printf("JDK %s, kernels: %s, %d cores, load average at start %.2f%n", Runtime.version(),
        Kernels.get().name(), Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.printf("Fashion-MNIST MLP 784-256-128-10 ReLU, batch %d, %d samples; warm-up epoch, then best of"
        + " %d timed epoch(s)%n", BATCH, train.size(), epochs);
    System.out.println("s/epoch: wall-clock; CPU s: CPU time of the whole process in that epoch (all threads, GC"
        + " and JIT included), which on a shared host still shows the work when other processes hold the cores");
    System.out.printf("%-14s %7s %10s %12s %10s %10s%n", "optimizer", "threads", "s/epoch", "samples/s", "CPU s",
        "loss");
    int saved = Parallelism.threads();
    try {
      for (Setting setting : SETTINGS) {
        for (int t : threads) {
          Parallelism.setThreads(t);
          Module model = model();
          Optimizer opt = setting.optimizer().apply(model.parameters());
          DataLoader loader = DataLoader.builder(train).batchSize(BATCH).shuffle(SEED).build();
          epoch(model, opt, loader);
          double best = Double.POSITIVE_INFINITY;
          double bestCpu = Double.POSITIVE_INFINITY;
          double loss = Double.NaN;
          for (int e = 0; e < epochs; e++) {
            long c0 = PROCESS.getProcessCpuTime();
            long t0 = System.nanoTime();
            loss = epoch(model, opt, loader);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            bestCpu = Math.min(bestCpu, (PROCESS.getProcessCpuTime() - c0) / 1e9);
          }
          System.out.printf(Locale.ROOT, "%-14s %7d %10.3f %12.0f %10.3f %10.4f%n", setting.name(), t, best,
              train.size() / best, bestCpu, loss);
        }
      }
      if (memorySteps > 0) {
        Parallelism.setThreads(saved);
        memory(train, memorySteps);
      }
    } finally {
      Parallelism.setThreads(saved);
    }
    System.out.printf("load average at end %.2f%n", ManagementFactory.getOperatingSystemMXBean()
        .getSystemLoadAverage());
  }

  /** One epoch of training; returns the mean loss over its batches. */
  static double epoch(Module model, Optimizer opt, DataLoader loader) {
    CrossEntropyLoss criterion = new CrossEntropyLoss();
    double sum = 0;
    int batches = 0;
    for (Batch batch : loader) {
      sum += step(model, opt, criterion, batch);
      batches++;
    }
    return sum / batches;
  }

  /** zeroGrad, forward, loss, backward, step; returns the batch loss. */
  static double step(Module model, Optimizer opt, CrossEntropyLoss criterion, Batch batch) {
    opt.zeroGrad();
    Tensor loss = criterion.apply(model.call(batch.features()), batch.labels());
    loss.backward();
    opt.step();
    return loss.item();
  }

  /**
   * Trains {@code steps} steps with Adam and prints the used heap after a full GC at step 100 and at the last
   * step: with each step's graph freed, the two agree to within noise.
   */
  static long[] memory(TensorDataset train, int steps) {
    Module model = model();
    Optimizer opt = new Adam(model.parameters(), 1e-3);
    DataLoader loader = DataLoader.builder(train).batchSize(BATCH).shuffle(SEED).build();
    CrossEntropyLoss criterion = new CrossEntropyLoss();
    long[] used = new long[2];
    int step = 0;
    while (step < steps) {
      for (Batch batch : loader) {
        step(model, opt, criterion, batch);
        step++;
        if (step == Math.min(100, steps)) {
          used[0] = usedAfterGc();
        }
        if (step == steps) {
          break;
        }
      }
    }
    used[1] = usedAfterGc();
    System.out.printf(Locale.ROOT, "heap used after GC: step %d %.1f MiB, step %d %.1f MiB (%+.1f MiB)%n",
        Math.min(100, steps), used[0] / 1048576.0, steps, used[1] / 1048576.0, (used[1] - used[0]) / 1048576.0);
    return used;
  }

  private static long usedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
