package dev.chainrule.autodiff.check;

/** Thrown by {@link GradCheck} when an analytic gradient disagrees with finite differences. */
public final class GradCheckException extends AssertionError {
  private static final long serialVersionUID = 1L;

  GradCheckException(String message) {
    super(message);
  }
}
