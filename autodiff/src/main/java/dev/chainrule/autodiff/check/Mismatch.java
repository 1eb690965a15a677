package dev.chainrule.autodiff.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** One element whose analytic gradient disagreed with the finite difference, and the report of many. */
record Mismatch(int input, String label, int element, double analytic, double numeric, boolean onKink) {

  double absoluteError() {
    return Math.abs(analytic - numeric);
  }

  double relativeError() {
    return absoluteError() / Math.max(Math.abs(numeric), Double.MIN_NORMAL);
  }

  static String report(List<Mismatch> all, int limit, double eps, double atol, double rtol) {
    List<Mismatch> worst = new ArrayList<>(all);
    worst.sort(Comparator.comparingDouble(Mismatch::absoluteError).reversed());
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "GradCheck failed: %d element(s) differ from central differences (eps=%.1e, atol=%.1e, rtol=%.1e)."
            + " Worst first:%n", all.size(), eps, atol, rtol));
    sb.append(String.format(Locale.ROOT, "  %-14s %8s %15s %15s %12s %12s%n", "input", "element", "analytic",
        "numeric", "abs error", "rel error"));
    for (Mismatch m : worst.subList(0, Math.min(limit, worst.size()))) {
      String name = m.label == null ? "#" + m.input : "#" + m.input + " " + m.label;
      sb.append(String.format(Locale.ROOT, "  %-14s %8d %15.8g %15.8g %12.3e %12.3e%s%n", name, m.element,
          m.analytic, m.numeric, m.absoluteError(), m.relativeError(),
          m.onKink ? "  (on a kink within eps: the function is not differentiable here)" : ""));
    }
    if (worst.size() > limit) {
      sb.append("  ... and ").append(worst.size() - limit).append(" more\n");
    }
    return sb.toString();
  }
}
