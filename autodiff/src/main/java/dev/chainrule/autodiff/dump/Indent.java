package dev.chainrule.autodiff.dump;

/**
 * Indentation that stops growing: lines nested deeper than {@link #MAX_LEVELS} are indented as deep as that and
 * say their depth instead, so that a dump stays linear in the size of the graph. An indent as deep as the graph
 * made the text dump of an {@code n}-op chain {@code n^2} characters long (80 MB at 4,000 ops).
 */
final class Indent {
  /** The deepest indentation drawn, in levels; no graph of the examples or lessons comes near it. */
  static final int MAX_LEVELS = 32;

  private static final String[] SPACES = new String[MAX_LEVELS + 1];

  static {
    for (int i = 0; i <= MAX_LEVELS; i++) {
      SPACES[i] = "  ".repeat(i);
    }
  }

  private Indent() {}

  /** Two spaces per level, at most {@link #MAX_LEVELS} levels. */
  static String of(int levels) {
    return SPACES[Math.min(levels, MAX_LEVELS)];
  }

  /** {@link #of}, followed for a line deeper than {@link #MAX_LEVELS} by {@code [depth N] }. */
  static String marked(int levels) {
    return levels <= MAX_LEVELS ? SPACES[levels] : SPACES[MAX_LEVELS] + "[depth " + levels + "] ";
  }
}
