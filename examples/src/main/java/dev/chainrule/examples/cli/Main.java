package dev.chainrule.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code chainrule} command line. Run through the {@code ./chainrule} script at the repository root, which
 * builds the project the first time.
 */
@Command(name = "chainrule", mixinStandardHelpOptions = true, version = "chainrule 0.1.0",
    description = "A pure-Java deep-learning framework built on reverse-mode automatic differentiation.",
    subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, ExampleCommand.class,
        GraphCommand.class, BenchCommand.class, LessonCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  /** Without a subcommand, prints the usage. */
  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
