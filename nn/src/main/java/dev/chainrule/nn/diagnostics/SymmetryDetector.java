package dev.chainrule.nn.diagnostics;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.diagnostics.SymmetryReport.Finding;
import dev.chainrule.nn.diagnostics.SymmetryReport.Kind;
import dev.chainrule.nn.layers.Linear;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Finds hidden units that cannot become different: in every {@link Linear} layer of a model, groups of units
 * whose weight rows and bias entries are identical, and groups whose gradient rows (weight and bias) are
 * identical after a backward. Units that start identical compute the same output, receive the same gradient and
 * take the same step, so gradient descent never separates them (the reason for random initialisation); a zero
 * initialised network is the classic case.
 *
 * <p>Values are compared exactly by default: equal as numbers, so {@code 0.0} and {@code -0.0} are equal (a zero
 * gradient often carries either sign) and {@code NaN} equals {@code NaN}. With a tolerance, two units are
 * identical when every pair of corresponding entries differs by at most it; each group is formed around its
 * lowest unit. A layer with one output unit, and a gradient not yet computed, have nothing to report. A layer
 * used twice is examined once, under its first name.
 */
public final class SymmetryDetector {
  private final double tolerance;

  private SymmetryDetector(double tolerance) {
    this.tolerance = tolerance;
  }

  /** A detector that compares exactly. */
  public static SymmetryDetector exact() {
    return new SymmetryDetector(0);
  }

  /** A detector that treats entries differing by at most {@code tolerance} as equal. */
  public static SymmetryDetector withTolerance(double tolerance) {
    checkArgument(tolerance >= 0 && Double.isFinite(tolerance),
        "SymmetryDetector: tolerance must be finite and non-negative, got %s", tolerance);
    return new SymmetryDetector(tolerance);
  }

  /** {@code exact().detect(model)}. */
  public static SymmetryReport check(Module model) {
    return exact().detect(model);
  }

  /** The identical weight and gradient rows of every {@code Linear} layer in {@code model}, itself included. */
  public SymmetryReport detect(Module model) {
    checkNotNull(model, "SymmetryDetector: model must not be null");
    List<Finding> findings = new ArrayList<>();
    walk("", model, Collections.newSetFromMap(new IdentityHashMap<>()), findings);
    return new SymmetryReport(findings);
  }

  private void walk(String name, Module module, Set<Module> seen, List<Finding> out) {
    if (!seen.add(module)) {
      return;
    }
    if (module instanceof Linear linear && linear.outFeatures() > 1) {
      String layer = name.isEmpty() ? "model" : name;
      examine(layer, linear, Kind.WEIGHTS, out);
      examine(layer, linear, Kind.GRADIENTS, out);
    }
    module.namedChildren().forEach(
        (child, m) -> walk(name.isEmpty() ? child : name + "." + child, m, seen, out));
  }

  private void examine(String layer, Linear linear, Kind kind, List<Finding> out) {
    Tensor weight = pick(linear.weight(), kind);
    if (weight == null) {
      return;
    }
    Tensor bias = linear.namedParameters().get("bias");
    double[][] rows = rows(weight, bias == null ? null : pick(bias, kind), linear);
    List<List<Integer>> groups = groups(rows);
    if (!groups.isEmpty()) {
      out.add(new Finding(layer, linear.inFeatures(), linear.outFeatures(), kind, groups));
    }
  }

  private static Tensor pick(Tensor parameter, Kind kind) {
    return kind == Kind.WEIGHTS ? parameter : parameter.grad();
  }

  /** Unit {@code i}'s weight row followed by its bias entry, if there is one. */
  private static double[][] rows(Tensor weight, Tensor bias, Linear linear) {
    int in = linear.inFeatures();
    double[] w = weight.toDoubleArray();
    double[] b = bias == null ? null : bias.toDoubleArray();
    double[][] rows = new double[linear.outFeatures()][in + (b == null ? 0 : 1)];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(w, i * in, rows[i], 0, in);
      if (b != null) {
        rows[i][in] = b[i];
      }
    }
    return rows;
  }

  private List<List<Integer>> groups(double[][] rows) {
    boolean[] taken = new boolean[rows.length];
    List<List<Integer>> groups = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      if (taken[i]) {
        continue;
      }
      List<Integer> group = new ArrayList<>(List.of(i));
      for (int j = i + 1; j < rows.length; j++) {
        if (!taken[j] && same(rows[i], rows[j])) {
          taken[j] = true;
          group.add(j);
        }
      }
      if (group.size() > 1) {
        groups.add(group);
      }
    }
    return groups;
  }

  private boolean same(double[] a, double[] b) {
    for (int k = 0; k < a.length; k++) {
      boolean equal = a[k] == b[k] || Double.isNaN(a[k]) && Double.isNaN(b[k]);
      if (!equal && !(Math.abs(a[k] - b[k]) <= tolerance)) {
        return false;
      }
    }
    return true;
  }
}
