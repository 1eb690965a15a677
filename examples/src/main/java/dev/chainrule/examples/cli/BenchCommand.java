package dev.chainrule.examples.cli;

import dev.chainrule.examples.bench.CharLmTrainBench;
import dev.chainrule.examples.bench.CnnTrainBench;
import dev.chainrule.examples.bench.KernelBench;
import dev.chainrule.examples.bench.TrainBench;
import java.io.FileNotFoundException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chainrule bench}: the benchmarks of docs/benchmarks.md; without a subcommand, prints the usage. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks: `bench kernels` (FMA peak, GEMM, exp/sigmoid/tanh, graph overhead) and"
        + " `bench train` (one epoch of the Fashion-MNIST MLP, or with --model cnn of the small CNN, or with"
        + " --model charlm steps of the character LM).",
    subcommands = {BenchCommand.Kernels.class, BenchCommand.Train.class})
final class BenchCommand implements Runnable {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  /** Without a subcommand: the usage of both. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code chainrule bench kernels}. */
  @Command(name = "kernels", mixinStandardHelpOptions = true,
      description = "Measures the FMA peak, GEMM, exp/sigmoid/tanh and the cost of the graph itself.")
  static final class Kernels implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      KernelBench.main(new String[0]);
      return Main.EXIT_OK;
    }
  }

  /** {@code chainrule bench train}. */
  @Command(name = "train", mixinStandardHelpOptions = true,
      description = "Times one epoch of the Fashion-MNIST MLP 784-256-128-10 (batch 128, Adam and SGD momentum),"
          + " or with --model cnn of the small CNN, after a warm-up epoch, at 1 and 2 threads; prints seconds per"
          + " epoch, samples/s and the loss. With --model charlm: the median time per step of the character LM"
          + " after " + CharLmTrainBench.WARM_UP + " warm-up steps, where it goes, and PyTorch's time in the same"
          + " run.")
  static final class Train implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--epochs", defaultValue = "1", description = "Timed epochs per setting; the best is shown"
        + " (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--threads", split = ",", defaultValue = "1,2",
        description = "Thread counts to run (default: ${DEFAULT-VALUE}).")
    int[] threads;

    @Option(names = "--memory", defaultValue = "0", paramLabel = "STEPS",
        description = "Also train STEPS steps and compare the heap after GC at step 100 and at the end (mlp).")
    int memory;

    @Option(names = "--steps", defaultValue = "30", description = "Timed steps per thread count (charlm); the"
        + " median is shown (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--model", defaultValue = "mlp", converter = Choices.Model.class, description = "mlp; cnn:"
        + " the small CNN of train --model cnn, batch 64, Adam, with GFLOP/s, peak heap and where the time goes;"
        + " or charlm: the character LM of train --model charlm, batch 32 x 64, Adam, clipping, with where the time"
        + " goes and PyTorch's time (default: ${DEFAULT-VALUE}).")
    String network;

    private boolean given(String option) {
      return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    @Override
    public Integer call() throws Exception {
      OptionChecks.atLeast("--epochs", epochs, 1);
      OptionChecks.sizes("--threads", threads, "1,2");
      OptionChecks.atLeast("--memory", memory, 0);
      OptionChecks.atLeast("--steps", steps, 1);
      if (!network.equals("mlp") && !network.equals("cnn") && !network.equals(CharLmSpec.MODEL)) {
        throw UserError.of("--model is mlp, cnn or charlm for the bench, got %s", network);
      }
      if (network.equals("cnn") && memory > 0) {
        throw UserError.of("--memory is for --model mlp; the cnn bench reports the peak heap itself");
      }
      if (network.equals(CharLmSpec.MODEL) && given("--memory")) {
        throw UserError.of("--memory is for --model mlp; the charlm bench has no heap check");
      }
      if (network.equals(CharLmSpec.MODEL) && given("--epochs")) {
        throw UserError.of("--epochs is for --model mlp and cnn; the charlm bench times --steps steps");
      }
      if (!network.equals(CharLmSpec.MODEL) && given("--steps")) {
        throw UserError.of("--steps is for --model charlm; the %s bench times whole epochs (--epochs)", network);
      }
      try {
        if (network.equals(CharLmSpec.MODEL)) {
          CharLmTrainBench.run(CharLmTrainBench.WARM_UP, steps, threads, true, System.out);
        } else if (network.equals("cnn")) {
          CnnTrainBench.run(epochs, threads);
        } else {
          TrainBench.run(epochs, threads, memory);
        }
      } catch (FileNotFoundException e) { // Fashion-MNIST is not installed; the message says how to get it
        throw new UserError(e.getMessage(), e);
      }
      return Main.EXIT_OK;
    }
  }
}
