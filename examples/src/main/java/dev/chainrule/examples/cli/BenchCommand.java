package dev.chainrule.examples.cli;

import dev.chainrule.examples.bench.KernelBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code chainrule bench}: the kernel and graph benchmarks of docs/benchmarks.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measures the FMA peak, GEMM, exp/sigmoid/tanh and the cost of the graph itself.")
final class BenchCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    KernelBench.main(new String[0]);
    return 0;
  }
}
