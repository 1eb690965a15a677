package dev.chainrule.examples.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How {@link Main} reports what escapes a command: a {@link UserError} or a picocli parameter error as one line,
 * {@code chainrule <command>: <message>}, with exit code {@link Main#EXIT_USER_ERROR}; anything else as an internal
 * error with its stack trace and {@link Main#EXIT_BUG}. {@code --stacktrace} adds the trace to a user error.
 */
final class ErrorReport {
  private ErrorReport() {}

  /** Picocli's handler for an option or argument it could not parse. */
  static int onParameterError(ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    String message = e.getMessage();
    if (e instanceof UnmatchedArgumentException unmatched) {
      List<String> suggestions = unmatched.getSuggestions();
      if (!suggestions.isEmpty()) {
        message += "; did you mean " + String.join(" or ", suggestions) + "?";
      }
    }
    PrintWriter err = cli.getErr();
    err.println(line(cli, message + " (see " + cli.getCommandSpec().qualifiedName() + " --help)"));
    if (Arrays.asList(args).contains(Main.STACKTRACE)) {
      e.printStackTrace(err);
    }
    err.flush();
    return Main.EXIT_USER_ERROR;
  }

  /** Picocli's handler for an exception thrown by a command. */
  static int onExecutionError(Exception e, CommandLine cli, ParseResult parsed) {
    PrintWriter err = cli.getErr();
    if (e instanceof UserError) {
      err.println(line(cli, e.getMessage()));
      if (stacktraceAsked(parsed)) {
        e.printStackTrace(err);
      }
      err.flush();
      return Main.EXIT_USER_ERROR;
    }
    err.println(line(cli, "internal error, a bug in chainrule; please report it with this trace:"));
    e.printStackTrace(err);
    err.flush();
    return Main.EXIT_BUG;
  }

  /** {@code chainrule <command>: message}, on one line whatever the message holds. */
  static String line(CommandLine cli, String message) {
    String text = message == null || message.isBlank() ? "failed" : message.strip();
    return cli.getCommandSpec().qualifiedName() + ": " + text.replaceAll("\\s*\\R\\s*", " ");
  }

  private static boolean stacktraceAsked(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption(Main.STACKTRACE)) {
        return true;
      }
    }
    return false;
  }
}
