package dev.chainrule.examples.bench;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import java.io.PrintStream;
import java.util.Locale;

/**
 * What the graph itself costs: a micrograd-style scalar graph {@code y = y + a_i * b_i} of 100,000 ops over
 * 100 leaves, built (forward) and walked (backward). Every op is a one-element tensor, so the time is all
 * bookkeeping: tensor and node creation, the topological sort and the walk.
 *
 * <p>Part of {@link KernelBench}'s run: {@code mvn -q package -DskipTests -Pbench -pl examples -am}.
 */
public final class GraphBench {
  private static final int LEAVES = 100;
  private static final int OPS = 100_000;

  private GraphBench() {}

  public static void main(String[] args) {
    report(System.out);
  }

  /** Runs the graph 15 times (the first ones warm the JIT up) and prints the best time. */
  static void report(PrintStream out) {
    out.printf(Locale.ROOT, "Scalar graph (micrograd-style): y = y + a*b, %,d ops over %d leaves%n", OPS, LEAVES);
    long best = Long.MAX_VALUE;
    for (int round = 0; round < 15; round++) {
      best = Math.min(best, runOnce(round));
    }
    out.printf(Locale.ROOT, "forward + backward, best of 15: %.1f ms%n", best / 1e6);
  }

  /** One forward and backward; returns the elapsed nanoseconds. */
  static long runOnce(long seed) {
    Rng rng = new Rng(seed);
    Tensor[] leaves = new Tensor[LEAVES];
    for (int i = 0; i < LEAVES; i++) {
      leaves[i] = Tensor.scalar(DType.FLOAT64, rng.nextDouble() - 0.5).requiresGrad();
    }
    long start = System.nanoTime();
    Tensor y = Tensor.scalar(DType.FLOAT64, 0);
    // Each step is two ops (a multiply and an add), so OPS / 2 steps make OPS ops.
    for (int i = 0; i < OPS / 2; i++) {
      y = y.add(leaves[i % LEAVES].mul(leaves[(i * 7 + 3) % LEAVES]));
    }
    y.backward();
    long elapsed = System.nanoTime() - start;
    if (!Double.isFinite(leaves[0].grad().item())) {
      throw new IllegalStateException("graph bench produced a non-finite gradient");
    }
    return elapsed;
  }
}
