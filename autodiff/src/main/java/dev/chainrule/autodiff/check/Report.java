package dev.chainrule.autodiff.check;

import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.check.GradCheckException.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Builds the {@link GradCheckException} of each kind of failure, with a message that explains it. */
final class Report {
  private final GradCheck options;

  Report(GradCheck options) {
    this.options = options;
  }

  GradCheckException backwardError(String pass, RuntimeException e) {
    return new GradCheckException(Kind.BACKWARD_ERROR, String.format(Locale.ROOT,
        "GradCheck failed [BACKWARD_ERROR]: backward (%s) threw %s: %s", pass, e.getClass().getSimpleName(),
        e.getMessage()), List.of(), e);
  }

  GradCheckException shape(int input, String label, Shape gradient, Shape expected) {
    return new GradCheckException(Kind.SHAPE, String.format(Locale.ROOT,
        "GradCheck failed [SHAPE]: the gradient of input %s has shape %s, but the input has shape %s; a gradient"
            + " must have its input's shape", name(input, label), gradient, expected), List.of(), null);
  }

  GradCheckException nondeterministic(List<Mismatch> found, int total) {
    String head = String.format(Locale.ROOT, "GradCheck failed [NONDETERMINISTIC]: %d of %d gradient element(s)"
        + " differ between two backward passes over the same graph with the same upstream gradient; backward must"
        + " be a deterministic function of what forward saved and of g (no counters, no unseeded randomness,"
        + " no order-dependent accumulation).", found.size(), total);
    return table(Kind.NONDETERMINISTIC, head, found, "second pass", "first pass");
  }

  GradCheckException zeroUpstream(List<Mismatch> found, int total) {
    String head = String.format(Locale.ROOT, "GradCheck failed [ZERO_UPSTREAM]: with an all-zero upstream gradient"
        + " g, %d of %d gradient element(s) are not zero; dL/dx = J^T g is linear in g, so backward must scale"
        + " with g (is a term added that does not multiply g?).", found.size(), total);
    return table(Kind.ZERO_UPSTREAM, head, found, "gradient", "expected");
  }

  GradCheckException values(List<Mismatch> found, int total) {
    String head = String.format(Locale.ROOT, "GradCheck failed [VALUE]: %d of %d gradient element(s) differ from"
        + " central differences: |analytic - numeric| > atol + rtol * |numeric| %s.", found.size(), total,
        tolerances());
    GradCheckException plain = table(Kind.VALUE, head, found, "analytic", "numeric");
    if (found.stream().noneMatch(Mismatch::onKink)) {
      return plain;
    }
    return new GradCheckException(Kind.VALUE, plain.getMessage() + "Elements marked KINK lie within eps of a"
        + " point where the function is not differentiable (its slopes left and right differ, as for relu, abs,"
        + " max or clamp there): the central difference is not a derivative, so move such inputs off the kink"
        + " (see testing.Generators.awayFromZero) rather than loosen the tolerance.\n", found, null);
  }

  GradCheckException secondOrder(List<Mismatch> found, int total) {
    String head = String.format(Locale.ROOT, "GradCheck failed [SECOND_ORDER]: %d of %d element(s) of"
        + " d/dx <w, dL/dx>, by backward through backward (CREATE_GRAPH), differ from central differences of the"
        + " analytic gradient: |analytic - numeric| > atol + rtol * |numeric| %s. Is a backward rule computed"
        + " from detached values or under no-grad, so that it is right but not itself differentiable?",
        found.size(), total, tolerances());
    return table(Kind.SECOND_ORDER, head, found, "analytic", "numeric");
  }

  private String tolerances() {
    return String.format(Locale.ROOT, "with atol=%.1e, rtol=%.1e, eps=%.1e", options.atol(), options.rtol(),
        options.eps());
  }

  private GradCheckException table(Kind kind, String head, List<Mismatch> found, String analyticColumn,
      String expectedColumn) {
    List<Mismatch> worst = new ArrayList<>(found);
    worst.sort(Comparator.comparingDouble(Mismatch::absoluteError).reversed());
    StringBuilder sb = new StringBuilder(head).append(" Worst first:\n");
    sb.append(String.format(Locale.ROOT, "  %-14s %7s %-12s %16s %16s %11s %11s%n", "input", "element",
        "coordinates", analyticColumn, expectedColumn, "abs error", "rel error"));
    int limit = options.reportedElements();
    for (Mismatch m : worst.subList(0, Math.min(limit, worst.size()))) {
      sb.append(String.format(Locale.ROOT, "  %-14s %7d %-12s %16.9g %16.9g %11.3e %11.3e%s%n",
          name(m.input(), m.label()), m.element(), m.coordinates(), m.analytic(), m.expected(), m.absoluteError(),
          m.relativeError(), m.onKink() ? "  KINK" : ""));
    }
    if (worst.size() > limit) {
      sb.append("  ... and ").append(worst.size() - limit).append(" more\n");
    }
    return new GradCheckException(kind, sb.toString(), worst, null);
  }

  private static String name(int input, String label) {
    return label == null ? "#" + input : "#" + input + " '" + label + "'";
  }
}
