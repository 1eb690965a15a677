package dev.chainrule.examples.cli;

import java.util.Locale;

/**
 * A mistake in what the user gave the command line (an option, a file, a directory) or in the environment it
 * names (a full disk, a data set that is not installed), found after the CLI checked or wrapped that input. The
 * command line prints its message as one line, {@code chainrule <command>: <message>}, and exits with
 * {@link Main#EXIT_USER_ERROR}; no stack trace unless {@code --stacktrace}. Anything else that escapes a command
 * is a bug and shows its trace.
 *
 * <p>The message says what is wrong and how to fix it, in one line, naming the option or path as the user wrote
 * it.
 */
final class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UserError(String message) {
    super(message);
  }

  UserError(String message, Throwable cause) {
    super(message, cause);
  }

  /** A user error with a {@link String#format} message. */
  static UserError of(String format, Object... args) {
    return new UserError(String.format(Locale.ROOT, format, args));
  }
}
