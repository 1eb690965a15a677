package dev.chainrule.nn.diagnostics;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@link SymmetryDetector} found: one {@link Finding} per layer and kind that has identical hidden units,
 * in the order of the model's layers, weights before gradients. Empty when every unit differs.
 */
public final class SymmetryReport {
  /** Whether the identical rows are those of the parameters or of their gradients. */
  public enum Kind {
    WEIGHTS("weights", "they will stay identical"),
    GRADIENTS("gradients", "they will receive identical updates");

    private final String noun;
    private final String consequence;

    Kind(String noun, String consequence) {
      this.noun = noun;
      this.consequence = consequence;
    }
  }

  /**
   * The groups of identical hidden units of one layer: each group lists unit indices (rows of the
   * {@code (out, in)} weight, with their bias entries) in increasing order and has at least two of them.
   *
   * @param layer the layer's dotted module name, e.g. {@code 0} or {@code encoder.2}
   */
  public record Finding(String layer, int inFeatures, int outFeatures, Kind kind, List<List<Integer>> groups) {
    public Finding {
      checkNotNull(layer, "Finding: layer must not be null");
      checkNotNull(kind, "Finding: kind must not be null");
      groups = groups.stream().map(List::copyOf).toList();
      checkArgument(!groups.isEmpty() && groups.stream().allMatch(g -> g.size() >= 2),
          "Finding: every group needs at least two units, got %s", groups);
    }

    /** One line per group, e.g. {@code layer 0 (Linear 4->3): hidden units 0, 1, 2 have identical weights: ...}. */
    public String warning() {
      return groups.stream()
          .map(g -> String.format("layer %s (Linear %d->%d): hidden units %s have identical %s: %s"
              + " (symmetry not broken; use random initialisation)", layer, inFeatures, outFeatures,
              g.stream().map(String::valueOf).collect(Collectors.joining(", ")), kind.noun, kind.consequence))
          .collect(Collectors.joining(System.lineSeparator()));
    }
  }

  private final List<Finding> findings;

  SymmetryReport(List<Finding> findings) {
    this.findings = List.copyOf(findings);
  }

  public List<Finding> findings() {
    return findings;
  }

  /** Whether no layer has identical hidden units. */
  public boolean isEmpty() {
    return findings.isEmpty();
  }

  /** Every finding's {@link Finding#warning()}, one per line; the empty string when there are none. */
  public String warnings() {
    return findings.stream().map(Finding::warning).collect(Collectors.joining(System.lineSeparator()));
  }

  @Override
  public String toString() {
    return isEmpty() ? "no symmetric hidden units" : warnings();
  }
}
