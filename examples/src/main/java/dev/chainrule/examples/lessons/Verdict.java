package dev.chainrule.examples.lessons;

/**
 * What a relative error {@code ||a - n|| / (||a|| + ||n||)} between an analytic and a numeric gradient says, by
 * the usual rule of thumb for float64 checks with central differences: below {@code 1e-7} the gradient is
 * right; around {@code 1e-5} it deserves a closer look (acceptable only near kinks or in low precision); from
 * {@code 1e-3} on it is wrong.
 */
enum Verdict {
  FINE("fine"),
  CHECK("check: look closer"),
  WRONG("wrong");

  static final double FINE_BELOW = 1e-7;
  static final double WRONG_FROM = 1e-3;

  private final String words;

  Verdict(String words) {
    this.words = words;
  }

  /** The verdict on {@code relativeError}. */
  static Verdict of(double relativeError) {
    if (relativeError < FINE_BELOW) {
      return FINE;
    }
    return relativeError < WRONG_FROM ? CHECK : WRONG;
  }

  @Override
  public String toString() {
    return words;
  }
}
