package dev.chainrule.autodiff.dump;

import dev.chainrule.autodiff.OperandNames;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes the lines of a {@link BackwardTrace}: names tensors (label, else {@code t<n>} in order of first
 * appearance, the loss {@code L} when unlabelled), writes tensor steps with the op's gradient formula and the
 * operands' shapes, and formats values with six significant digits.
 */
final class TraceFormat {
  private static final MathContext DIGITS = new MathContext(6);
  /** Leaf gradients with at most this many elements are printed whole, larger ones as shape and norm. */
  private static final int FULL_VALUES = 8;

  private final Map<Tensor, String> names = new IdentityHashMap<>();
  private final Map<Tensor, Integer> order = new IdentityHashMap<>();
  private final String loss;

  /** {@code root} is the tensor being differentiated, or {@code null} when nothing was recorded. */
  TraceFormat(Tensor root) {
    loss = root != null && root.label() != null ? root.label() : "L";
    if (root != null) {
      name(root);
      names.put(root, loss);
    }
  }

  String seed(Tensor root, Tensor upstream) {
    String d = derivative(root);
    return upstream.size() == 1 ? d + " = " + number(upstream.get(0))
        : d + " " + upstream.shape() + " = seed  |" + d + "| = " + number(norm(upstream));
  }

  String step(BackwardTrace.Step s) {
    String x = name(s.input());
    String y = name(s.output());
    String dx = derivative(s.input());
    String dy = derivative(s.output());
    if (s.upstream().size() == 1 && s.contribution().size() == 1) {
      double up = s.upstream().get(0);
      double sent = s.contribution().get(0);
      String local = up != 0 ? number(sent / up) : "?";
      return dx + " += " + dy + " * d" + y + "/d" + x + " = " + number(up) + " * " + local + " = " + number(sent)
          + "  (" + s.op() + ")";
    }
    String formula = s.function().gradientFormula(s.inputIndex(), new ShapedNames(s));
    return dx + " " + s.input().shape() + " += " + formula
        + (s.broadcastUndone() ? ", summed over the broadcast axes" : "") + "  (" + s.op() + ")  |" + dy + "| = "
        + number(norm(s.upstream())) + "  |+=| = " + number(norm(s.contribution()));
  }

  String leafTotal(Tensor leaf, Tensor total) {
    String d = derivative(leaf);
    if (total.size() == 1) {
      return d + " = " + number(total.get(0));
    }
    if (total.size() > FULL_VALUES) {
      return d + " " + total.shape() + " |.| = " + number(norm(total));
    }
    StringBuilder values = new StringBuilder("[");
    for (int i = 0; i < total.size(); i++) {
      values.append(i == 0 ? "" : ", ").append(number(total.get(i)));
    }
    return d + " " + total.shape() + " = " + values.append(']');
  }

  /** The position at which the trace first named {@code t}, or {@link Integer#MAX_VALUE} if never. */
  int order(Tensor t) {
    return order.getOrDefault(t, Integer.MAX_VALUE);
  }

  /**
   * The operands of one step's formula, each but the output with its shape where it first appears in the
   * formula: the upstream gradient as {@code dL/dy}, inputs and output by their trace names, one-element
   * constants without a label by their value.
   */
  private final class ShapedNames implements OperandNames {
    private final BackwardTrace.Step step;
    private final Set<String> shown = new HashSet<>();

    ShapedNames(BackwardTrace.Step step) {
      this.step = step;
    }

    @Override
    public String upstream() {
      return shaped(derivative(step.output()), step.upstream().shape());
    }

    @Override
    public String upstreamTransposed() {
      return shaped(derivative(step.output()) + "^T", transposed(step.upstream().shape()));
    }

    @Override
    public String input(int i) {
      Tensor t = step.inputs().get(i);
      if (t.label() == null && t.size() == 1 && !t.needsGrad()) {
        return number(t.get(0));
      }
      return shaped(name(t), t.shape());
    }

    @Override
    public String inputTransposed(int i) {
      Tensor t = step.inputs().get(i);
      return shaped(name(t) + "^T", transposed(t.shape()));
    }

    /** Without a shape: the output has the shape of {@code dL/dy}, shown already. */
    @Override
    public String output() {
      return name(step.output());
    }

    private String shaped(String operand, Shape shape) {
      return shown.add(operand) ? operand + " " + shape : operand;
    }
  }

  /** The shape with its last two axes swapped; unchanged below rank 2. */
  private static Shape transposed(Shape shape) {
    int[] dims = shape.dims();
    if (dims.length >= 2) {
      int last = dims[dims.length - 1];
      dims[dims.length - 1] = dims[dims.length - 2];
      dims[dims.length - 2] = last;
    }
    return Shape.of(dims);
  }

  private String derivative(Tensor t) {
    return "d" + loss + "/d" + name(t);
  }

  private String name(Tensor t) {
    return names.computeIfAbsent(t, key -> {
      int n = order.size() + 1;
      order.put(key, n);
      return key.label() != null ? key.label() : "t" + n;
    });
  }

  /** Six significant digits, trailing zeros dropped; scientific notation outside [1e-4, 1e7). */
  static String number(double v) {
    if (v == 0) {
      return "0.0";
    }
    if (!Double.isFinite(v)) {
      return Double.toString(v);
    }
    double magnitude = Math.abs(v);
    if (magnitude < 1e-4 || magnitude >= 1e7) {
      return String.format(Locale.ROOT, "%.5e", v);
    }
    String plain = new BigDecimal(v).round(DIGITS).stripTrailingZeros().toPlainString();
    return plain.contains(".") ? plain : plain + ".0";
  }

  private static double norm(Tensor t) {
    double sum = 0;
    for (double v : t.toDoubleArray()) {
      sum += v * v;
    }
    return Math.sqrt(sum);
  }
}
