package dev.chainrule.nn.diagnostics;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The L2 norms of every parameter of a model and of its gradient, one row per parameter in the order of
 * {@link Module#namedParameters()}, taken after a backward. Read top to bottom, the gradient norms show whether
 * gradients vanish (shrink towards the input layers, e.g. through saturated sigmoids) or explode; the ratio
 * {@code |grad| / |param|} is the relative size of a plain SGD step per unit learning rate.
 *
 * <p>A snapshot: the values are read when {@link #of} is called. A parameter whose gradient was never computed
 * (or was cleared) has no gradient norm nor ratio, shown as {@code -} in the {@link #table()}.
 */
public final class GradientNorms {
  /**
   * One parameter. {@code gradNorm} and {@code ratio} are empty without a gradient; {@code ratio} is infinite or
   * NaN when the parameter's norm is 0 (zero initialisation).
   */
  public record Row(String name, Shape shape, double paramNorm, OptionalDouble gradNorm, OptionalDouble ratio) {
    public Row {
      checkNotNull(name, "Row: name must not be null");
      checkNotNull(shape, "Row: shape must not be null");
      checkNotNull(gradNorm, "Row: gradNorm must not be null");
      checkNotNull(ratio, "Row: ratio must not be null");
    }
  }

  private static final String[] HEADERS = {"Parameter", "Shape", "Param norm", "Grad norm", "Grad/param"};

  private final List<Row> rows;

  private GradientNorms(List<Row> rows) {
    this.rows = List.copyOf(rows);
  }

  /** The norms of {@code model}'s parameters and of their current gradients. */
  public static GradientNorms of(Module model) {
    checkNotNull(model, "GradientNorms: model must not be null");
    List<Row> rows = new ArrayList<>();
    model.namedParameters().forEach((name, p) -> {
      double paramNorm = l2(p);
      Tensor g = p.grad();
      OptionalDouble gradNorm = g == null ? OptionalDouble.empty() : OptionalDouble.of(l2(g));
      OptionalDouble ratio = g == null ? OptionalDouble.empty()
          : OptionalDouble.of(gradNorm.getAsDouble() / paramNorm);
      rows.add(new Row(name, p.shape(), paramNorm, gradNorm, ratio));
    });
    return new GradientNorms(rows);
  }

  /** The Euclidean norm of all elements, accumulated in double. */
  static double l2(Tensor t) {
    double sum = 0;
    for (double v : t.toDoubleArray()) {
      sum += v * v;
    }
    return Math.sqrt(sum);
  }

  public List<Row> rows() {
    return rows;
  }

  /**
   * The printable table, laid out like {@link dev.chainrule.nn.Summary}'s, e.g.
   * {@code 0.weight   (3, 4)   1.234e+00   5.678e-02   4.601e-02}.
   */
  public String table() {
    List<String[]> cells = new ArrayList<>();
    for (Row r : rows) {
      cells.add(new String[] {r.name(), r.shape().toString(), number(r.paramNorm()), number(r.gradNorm()),
          number(r.ratio())});
    }
    int[] widths = new int[HEADERS.length];
    for (int c = 0; c < HEADERS.length; c++) {
      widths[c] = HEADERS[c].length();
      for (String[] row : cells) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    line(sb, HEADERS, widths);
    String rule = "=".repeat(Arrays.stream(widths).map(w -> w + 2).sum() - 2)
        + System.lineSeparator();
    sb.append(rule);
    cells.forEach(row -> line(sb, row, widths));
    sb.append(rule);
    return sb.toString();
  }

  @Override
  public String toString() {
    return table();
  }

  private static void line(StringBuilder sb, String[] cells, int[] widths) {
    StringBuilder row = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      row.append(c == cells.length - 1 ? cells[c] : String.format(Locale.ROOT, "%-" + (widths[c] + 2) + "s",
          cells[c]));
    }
    sb.append(row.toString().stripTrailing()).append(System.lineSeparator());
  }

  private static String number(OptionalDouble value) {
    return value.isPresent() ? number(value.getAsDouble()) : "-";
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.3e", value);
  }
}
