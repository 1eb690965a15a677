package dev.chainrule.examples.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code chainrule} command line. Run through the {@code ./chainrule} script at the repository root, which
 * builds the project the first time.
 *
 * <p>Its error contract: a mistake of the user's ({@link UserError}, or an option picocli cannot parse) prints one
 * line on stderr, {@code chainrule <command>: <what is wrong and how to fix it>}, and exits with
 * {@value #EXIT_USER_ERROR}, with no stack trace unless {@code --stacktrace}; every command checks its options
 * before it loads any data. Anything else is a bug: its stack trace is printed and the exit code is
 * {@value #EXIT_BUG}. {@code train} exits with {@value #EXIT_DIVERGED} when the loss diverged.
 */
@Command(name = "chainrule", mixinStandardHelpOptions = true, version = "chainrule 0.1.0",
    description = "A pure-Java deep-learning framework built on reverse-mode automatic differentiation.",
    subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, SampleCommand.class,
        ExampleCommand.class,
        GraphCommand.class, BenchCommand.class, LessonCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success",
        "1:an internal error, a bug in chainrule (the stack trace is printed; please report it)",
        "2:a mistake in the command, a file or a directory it names; one line says what and how to fix it",
        "3:train: the loss diverged (with --patience, the best epoch's weights were saved)"})
public final class Main implements Runnable {
  /** Success. */
  static final int EXIT_OK = 0;

  /** An internal error: a bug, shown with its stack trace. */
  static final int EXIT_BUG = 1;

  /** A user error: one line on stderr. */
  static final int EXIT_USER_ERROR = 2;

  /** {@code train}: the loss became NaN or infinite. */
  static final int EXIT_DIVERGED = 3;

  /** The option that adds the stack trace to a user error's line. */
  static final String STACKTRACE = "--stacktrace";

  @Option(names = STACKTRACE, scope = ScopeType.INHERIT,
      description = "On an error, also print the Java stack trace.")
  boolean stacktrace;

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  private final PrintStream out;
  private final PrintStream err;

  private Main(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(execute(args, System.out, System.err));
  }

  /**
   * Runs the command line with {@code args}, printing to {@code out} and {@code err}, and returns the exit code;
   * the testable entry point ({@link #main} only adds {@code System.exit}).
   */
  public static int execute(String[] args, PrintStream out, PrintStream err) {
    CommandLine cli = commandLine(out, err);
    try {
      return cli.execute(args);
    } finally {
      cli.getOut().flush();
      cli.getErr().flush();
      out.flush();
      err.flush();
    }
  }

  /** The command line printing to {@code out} and {@code err}, with the error contract's handlers. */
  static CommandLine commandLine(PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new Main(out, err));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setParameterExceptionHandler(ErrorReport::onParameterError);
    cli.setExecutionExceptionHandler(ErrorReport::onExecutionError);
    return cli;
  }

  /** Where commands print their results. */
  PrintStream out() {
    return out;
  }

  /** Where commands print problems. */
  PrintStream err() {
    return err;
  }

  /** Without a subcommand, prints the usage. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
