package dev.chainrule.nn;

import static com.google.common.base.Preconditions.checkArgument;

import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import java.util.ArrayList;
import java.lang.reflect.RecordComponent;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Keras-like description of a model made by {@link Module#summary}: one row per direct submodule (for a
 * {@code Sequential}, its layers {@code 0, 1, ...}) with its output shape, observed in one forward pass, and
 * its parameter count (the elements of all its parameters, nested ones included). {@link #toString()} is the
 * printable table. The forward pass runs under {@link Module#evaluating()} and no-grad, so it changes no mode and
 * no running statistic, and it is safe while other threads use the model.
 */
public final class Summary {
  /**
   * One submodule. {@code outputShape} is the shape of its output, or of the first tensor of a record output
   * (see {@link Module#invoke}); {@code outputs} describes every tensor of the output, e.g.
   * {@code (32, 28, 64), h (1, 32, 64), c (1, 32, 64)} for an LSTM's {@code Output(output, State(h, c))}: the
   * first shape bare, each further one after its record component's name. Both are {@code null} when the parent
   * did not run the submodule through {@link Module#call} or {@link Module#invoke} (calling {@code forward}
   * directly bypasses the observation) or its output held no tensor.
   */
  public record Row(String name, String type, Shape outputShape, long parameters, String outputs) {
    /** The row of a submodule whose output is one tensor: {@code outputs} is its shape. */
    public Row(String name, String type, Shape outputShape, long parameters) {
      this(name, type, outputShape, parameters, outputShape == null ? null : outputShape.toString());
    }
  }

  /** What one observed output showed: its first tensor's shape and the description of all its tensors. */
  private record Observed(Shape primary, String description) {}

  private final List<Row> rows;
  private final Shape inputShape;
  private final Shape outputShape;
  private final long total;
  private final long trainable;

  /**
   * The output shapes of the rows of the summary being made on this thread, null when none is: the observation
   * is confined to the thread, so a summary never sees, nor disturbs, a forward pass on another thread.
   */
  private static final ThreadLocal<Map<Module, Observed>> OBSERVED = new ThreadLocal<>();

  private Summary(List<Row> rows, Shape inputShape, Shape outputShape, long total, long trainable) {
    this.rows = List.copyOf(rows);
    this.inputShape = inputShape;
    this.outputShape = outputShape;
    this.total = total;
    this.trainable = trainable;
  }

  static Summary of(Module model, int... inputShape) {
    checkArgument(inputShape.length > 0, "summary: give the input shape, batch axis included, e.g. (1, 784)");
    Map<Module, Observed> seen = new IdentityHashMap<>();
    model.children().forEach(child -> seen.put(child, null));
    Map<Module, Observed> enclosing = OBSERVED.get();
    OBSERVED.set(seen);
    Tensor out;
    try (var off = GradMode.off(); var evaluating = Module.evaluating()) {
      out = model.forward(Tensor.zeros(inputShape));
    } finally {
      OBSERVED.set(enclosing);
    }
    List<Row> rows = new ArrayList<>();
    model.namedChildren().forEach((name, child) -> {
      Observed o = seen.get(child);
      rows.add(new Row(name, child.getClass().getSimpleName(), o == null ? null : o.primary(),
          count(child.parameters(), false), o == null ? null : o.description()));
    });
    List<Tensor> params = model.parameters();
    return new Summary(rows, Shape.of(inputShape), out.shape(), count(params, false), count(params, true));
  }

  /**
   * Called by {@link Module#invoke} with its output, a tensor or a record: records the shapes if {@code module}
   * is a row being made. A record's tensors are its tensor components and those of its record components (one
   * level down), in declaration order; the first is the row's {@code outputShape}.
   */
  static void observe(Module module, Object output) {
    Map<Module, Observed> seen = OBSERVED.get();
    if (seen == null || !seen.containsKey(module)) {
      return;
    }
    List<Map.Entry<String, Tensor>> tensors = new ArrayList<>();
    collectTensors(output, "", 0, tensors);
    if (tensors.isEmpty()) {
      return;
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Tensor> e : tensors) {
      parts.add(parts.isEmpty() ? e.getValue().shape().toString() : e.getKey() + " " + e.getValue().shape());
    }
    seen.put(module, new Observed(tensors.get(0).getValue().shape(), String.join(", ", parts)));
  }

  /** Adds {@code value}'s tensors under their component names: itself, or a record's components to depth 1. */
  private static void collectTensors(Object value, String name, int depth,
      List<Map.Entry<String, Tensor>> out) {
    if (value instanceof Tensor t) {
      out.add(Map.entry(name, t));
    } else if (value instanceof Record r && depth <= 1) {
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        Object component;
        try {
          component = c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
          continue; // a record this package cannot read shows none of its tensors
        }
        collectTensors(component, c.getName(), depth + 1, out);
      }
    }
  }

  private static long count(List<Tensor> params, boolean trainableOnly) {
    long n = 0;
    for (Tensor p : params) {
      if (!trainableOnly || p.needsGrad()) {
        n += p.size();
      }
    }
    return n;
  }

  public List<Row> rows() {
    return rows;
  }

  public Shape inputShape() {
    return inputShape;
  }

  public Shape outputShape() {
    return outputShape;
  }

  /** The number of parameter elements of the whole model. */
  public long totalParameters() {
    return total;
  }

  /** The number of parameter elements that require a gradient. */
  public long trainableParameters() {
    return trainable;
  }

  /** The table, e.g. {@code 0 (Linear)   (1, 128)   100,480}, then the totals. */
  @Override
  public String toString() {
    int nameWidth = "Layer (type)".length();
    int shapeWidth = "Output shape".length();
    for (Row r : rows) {
      nameWidth = Math.max(nameWidth, label(r).length());
      shapeWidth = Math.max(shapeWidth, shape(r).length());
    }
    String format = "%-" + (nameWidth + 2) + "s%-" + (shapeWidth + 2) + "s%s%n";
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, format, "Layer (type)", "Output shape", "Param #"));
    String rule = "=".repeat(nameWidth + shapeWidth + 4 + "Param #".length() + 4) + System.lineSeparator();
    sb.append(rule);
    for (Row r : rows) {
      sb.append(String.format(Locale.ROOT, format, label(r), shape(r), String.format(Locale.ROOT, "%,d",
          r.parameters())));
    }
    sb.append(rule);
    sb.append(String.format(Locale.ROOT, "Input shape: %s, output shape: %s%n", inputShape, outputShape));
    sb.append(String.format(Locale.ROOT, "Total params: %,d%n", total));
    sb.append(String.format(Locale.ROOT, "Trainable params: %,d%n", trainable));
    sb.append(String.format(Locale.ROOT, "Non-trainable params: %,d%n", total - trainable));
    return sb.toString();
  }

  private static String label(Row r) {
    return r.name() + " (" + r.type() + ")";
  }

  private static String shape(Row r) {
    return r.outputs() == null ? "?" : r.outputs();
  }
}
