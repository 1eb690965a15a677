package dev.chainrule.autodiff.check;

import java.util.List;

/**
 * Thrown by {@link GradCheck} when a gradient rule fails one of its checks. The message is a report meant for
 * a human (worst elements first, with the tolerances and eps used); {@link #kind()} and {@link #mismatches()}
 * give the same facts to a program or a test. It is an {@link AssertionError}, like a failed JUnit assertion:
 * a wrong gradient is a failed test, not a recoverable condition.
 */
public final class GradCheckException extends AssertionError {
  private static final long serialVersionUID = 1L;

  /** Which check failed; the checks run in this order and the first failure is reported. */
  public enum Kind {
    /** Backward threw, for example because a rule returned a gradient of an impossible shape. */
    BACKWARD_ERROR,
    /** A returned gradient does not have its input's shape. */
    SHAPE,
    /** Two backward passes over the same graph with the same upstream gradient were not bit-identical. */
    NONDETERMINISTIC,
    /** An all-zero upstream gradient did not give all-zero gradients: backward is not linear in {@code g}. */
    ZERO_UPSTREAM,
    /** The gradient disagrees with central finite differences. */
    VALUE,
    /** Backward through backward disagrees with finite differences of the gradient (opt-in). */
    SECOND_ORDER
  }

  private final Kind kind;
  private final transient List<Mismatch> mismatches;

  GradCheckException(Kind kind, String message, List<Mismatch> mismatches, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.mismatches = List.copyOf(mismatches);
  }

  /** The check that failed. */
  public Kind kind() {
    return kind;
  }

  /**
   * Every failing element, worst (largest absolute error) first; empty for {@link Kind#BACKWARD_ERROR} and
   * {@link Kind#SHAPE}, which are about a whole gradient.
   */
  public List<Mismatch> mismatches() {
    return mismatches == null ? List.of() : mismatches;
  }
}
