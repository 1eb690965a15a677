package dev.chainrule.autodiff.dump;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.dump.Recorded.Step;
import dev.chainrule.autodiff.graph.Node;
import dev.chainrule.autodiff.graph.ScopePath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The model every writer draws: value nodes, op nodes and collapsed modules ({@link Box}), each placed in the
 * cluster of a module scope, the values cut off by a limit, and how many nodes the limits left out. Values get
 * ids {@code t0, t1, ...} in first-use order over the kept ops in creation order (so every input before the op
 * that consumes it), ops {@code op0, ...} in creation order, boxes {@code m0, ...} in order of their first op;
 * values and ops keep their ids whether or not a box hides some of them.
 *
 * <p>Placement: an op lies in the scope it was recorded in; an op's output in its op's scope; a parameter or a
 * scalar constant in the innermost scope enclosing all its consumers (so a layer's weights sit inside the layer);
 * any other constant at the top (a leaf records no scope). A box hides its ops, the parameters and scalar
 * constants placed inside it and the values used only inside it; values it makes that are used outside, or the
 * root, stay visible as its outputs.
 */
final class DumpGraph {
  /** What a value node is: a leaf that needs a gradient, a leaf that does not, or an op's output. */
  enum Role {
    PARAMETER, CONSTANT, INTERMEDIATE;

    String display() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Anything drawn as a node: its id and the scope of the cluster it is drawn in (null: top level). */
  sealed interface Element permits Value, Producer {
    String id();

    ScopePath placement();
  }

  /** A value node; {@code producerShown} when the op that made it is in the dump (drawn or inside a box). */
  record Value(String id, Tensor tensor, Role role, boolean producerShown, ScopePath placement)
      implements Element {
    /** The label given by {@code named}, then the id. */
    String title() {
      return tensor.label() == null ? id : tensor.label() + " (" + id + ")";
    }

    /** {@code parameter}, {@code constant}, {@code from Mul}, or {@code from Mul (not shown)}. */
    String origin() {
      if (role != Role.INTERMEDIATE) {
        return role.display();
      }
      return "from " + tensor.gradFn().name() + (producerShown ? "" : " (not shown)");
    }

    /** Shape and dtype, e.g. {@code (2,) FLOAT64}. */
    String type() {
      return tensor.shape() + " " + tensor.dtype();
    }

    String valueText() {
      return ValueSummary.describe(tensor);
    }

    /** The gradient, or null when the tensor holds none (before backward, or an intermediate not retained). */
    String gradText() {
      return tensor.grad() == null ? null : ValueSummary.describe(tensor.grad());
    }
  }

  /** Something drawn between values: an op, or a collapsed module. */
  sealed interface Producer extends Element permits Op, Box {
    List<Value> inputs();

    List<Value> outputs();
  }

  /** An op node: the recorded node, its inputs in order and its output. */
  record Op(String id, Node node, List<Value> inputs, Value output) implements Producer {
    String rule() {
      return node.function().derivativeRule();
    }

    @Override
    public List<Value> outputs() {
      return List.of(output);
    }

    @Override
    public ScopePath placement() {
      return node.scope();
    }
  }

  /**
   * A collapsed module: its scope, the visible values its ops read (first use first), the values it makes that
   * are used outside, and how many ops and parameters it hides.
   */
  record Box(String id, ScopePath scope, List<Value> inputs, List<Value> outputs, int ops, int parameters)
      implements Producer {
    @Override
    public ScopePath placement() {
      return scope.parent();
    }

    /** The shapes in and out, e.g. {@code (2, 3) -> (2, 4)}; {@code nothing} when no visible value flows in. */
    String shapes() {
      return shapes(inputs) + " -> " + shapes(outputs);
    }

    /** E.g. {@code 3 ops, 2 parameters}. */
    String contents() {
      return ops + (ops == 1 ? " op, " : " ops, ") + parameters + (parameters == 1 ? " parameter" : " parameters");
    }

    private static String shapes(List<Value> values) {
      List<String> shapes = new ArrayList<>();
      for (Value v : values) {
        shapes.add(v.tensor().shape().toString());
      }
      return shapes.isEmpty() ? "nothing" : String.join(", ", shapes);
    }
  }

  final List<Value> values = new ArrayList<>();
  final List<Op> ops = new ArrayList<>();
  final List<Box> boxes = new ArrayList<>();
  final Value root;
  /** Intermediate values whose producer a limit left out, drawn with a {@code ...} stub. */
  final List<Value> cut = new ArrayList<>();
  /** Nodes (values and ops) left out by the limits. */
  final int notShown;
  final Clusters clusters;

  private DumpGraph(Recorded recorded, DumpOptions options) {
    List<Step> kept = recorded.kept(options.maxNodes(), options.maxDepth());
    List<ScopePath> opScopes = new ArrayList<>();
    kept.forEach(step -> opScopes.add(step.node().scope()));
    Collapse collapse = Collapse.resolve(options, opScopes);
    Tensors tensors = new Tensors(kept, recorded.root());
    Map<Tensor, Value> byTensor = new IdentityHashMap<>();
    Map<ScopePath, BoxBuilder> builders = new LinkedHashMap<>();
    for (Step step : kept) {
      ScopePath box = collapse.boxOf(step.node().scope());
      if (box != null) {
        builders.computeIfAbsent(box, b -> new BoxBuilder("m" + builders.size(), b)).ops++;
      }
    }
    for (int i = 0; i < tensors.order.size(); i++) {
      Tensor t = tensors.order.get(i);
      ScopePath scope = tensors.scopeOf(t);
      ScopePath box = tensors.hidingBox(t, collapse);
      if (box != null) {
        if (tensors.roleOf(t) == Role.PARAMETER) {
          builders.get(box).parameters++;
        }
        continue;
      }
      Value v = new Value("t" + i, t, tensors.roleOf(t), tensors.producers.containsKey(t), collapse.visible(scope));
      values.add(v);
      byTensor.put(t, v);
      if (v.role() == Role.INTERMEDIATE && !v.producerShown()) {
        cut.add(v);
      }
    }
    for (int i = 0; i < kept.size(); i++) {
      Step step = kept.get(i);
      ScopePath box = collapse.boxOf(step.node().scope());
      if (box == null) {
        List<Value> inputs = new ArrayList<>();
        step.inputs().forEach(input -> inputs.add(byTensor.get(input)));
        ops.add(new Op("op" + i, step.node(), List.copyOf(inputs), byTensor.get(step.output())));
      } else {
        BoxBuilder b = builders.get(box);
        // Creation order puts a producer before its readers, so a value this box made is already an output.
        for (Tensor input : step.inputs()) {
          Value v = byTensor.get(input);
          if (v != null && b.listed.add(v)) {
            b.inputs.add(v);
          }
        }
        Value out = byTensor.get(step.output());
        if (out != null && b.listed.add(out)) {
          b.outputs.add(out);
        }
      }
    }
    builders.values().forEach(b -> boxes.add(b.build()));
    root = byTensor.get(recorded.root());
    notShown = (recorded.steps().size() - kept.size()) + (recorded.tensorCount() - tensors.order.size());
    List<Element> elements = new ArrayList<>(values);
    elements.addAll(ops);
    elements.addAll(boxes);
    clusters = Clusters.of(elements);
  }

  /** The dump of {@code recorded} with {@code options}. */
  static DumpGraph build(Recorded recorded, DumpOptions options) {
    return new DumpGraph(recorded, options);
  }

  /** Ops, then boxes: everything drawn between values. */
  List<Producer> steps() {
    List<Producer> steps = new ArrayList<>(ops);
    steps.addAll(boxes);
    return steps;
  }

  /** The op or box that made {@code v}, if it is drawn. */
  Map<Value, Producer> producers() {
    Map<Value, Producer> producers = new IdentityHashMap<>();
    for (Producer step : steps()) {
      step.outputs().forEach(v -> producers.put(v, step));
    }
    return producers;
  }

  private static final class BoxBuilder {
    final String id;
    final ScopePath scope;
    final List<Value> inputs = new ArrayList<>();
    final List<Value> outputs = new ArrayList<>();
    /** The values in {@link #inputs} or {@link #outputs}, so each is listed once in constant time. */
    final Set<Value> listed = Collections.newSetFromMap(new IdentityHashMap<>());
    int ops;
    int parameters;

    BoxBuilder(String id, ScopePath scope) {
      this.id = id;
      this.scope = scope;
    }

    Box build() {
      return new Box(id, scope, List.copyOf(inputs), List.copyOf(outputs), ops, parameters);
    }
  }
}
