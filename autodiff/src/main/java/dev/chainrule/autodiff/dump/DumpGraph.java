package dev.chainrule.autodiff.dump;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.graph.Node;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The graph behind one tensor, collected once: value nodes and op nodes with ids in creation order. Op nodes are
 * ordered by {@link Node#sequence}; a value gets its id when the first op that reads or writes it does, so leaves
 * come in first-use order and every input before the op that consumes it.
 */
final class DumpGraph {
  /** What a value node is: a leaf that needs a gradient, a leaf that does not, or an op's output. */
  enum Role {
    PARAMETER, CONSTANT, INTERMEDIATE;

    String display() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A value node; {@code producerShown} when the op that made it is in the dump. */
  record Value(String id, Tensor tensor, Role role, boolean producerShown) {
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

  /** An op node: the recorded node, its inputs in order and its output. */
  record Op(String id, Node node, List<Value> inputs, Value output) {
    String rule() {
      return node.function().derivativeRule();
    }
  }

  final List<Value> values = new ArrayList<>();
  final List<Op> ops = new ArrayList<>();
  final Value root;
  /** Nodes (values and ops) left out by the node limit. */
  final int notShown;

  private final Map<Tensor, Value> byTensor = new IdentityHashMap<>();

  private DumpGraph(Tensor rootTensor, int maxNodes) {
    checkArgument(maxNodes >= 1, "graph dump: maxNodes is %s; it must be at least 1", maxNodes);
    List<Node> reached = reachFrom(rootTensor);
    List<Node> kept = new ArrayList<>(reached.subList(0, Math.min(maxNodes, reached.size())));
    kept.sort(Comparator.comparingLong(Node::sequence));
    for (Node node : kept) {
      List<Value> inputs = new ArrayList<>();
      for (Tensor input : node.inputs()) {
        inputs.add(valueOf(input, false));
      }
      String id = "op" + ops.size();
      ops.add(new Op(id, node, List.copyOf(inputs), valueOf(node.output(), true)));
    }
    root = valueOf(rootTensor, false);
    Set<Tensor> all = Collections.newSetFromMap(new IdentityHashMap<>());
    all.add(rootTensor);
    for (Node node : reached) {
      all.addAll(node.inputs());
      all.add(node.output());
    }
    notShown = (reached.size() - kept.size()) + (all.size() - values.size());
  }

  /** Collects the graph behind {@code root}, keeping at most {@code maxNodes} op nodes nearest the root. */
  static DumpGraph collect(Tensor root, int maxNodes) {
    return new DumpGraph(root, maxNodes);
  }

  /** The op nodes reachable from {@code root}, breadth first, so any prefix is connected to the root. */
  private static List<Node> reachFrom(Tensor root) {
    List<Node> reached = new ArrayList<>();
    Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Node> queue = new ArrayDeque<>();
    if (root.gradFn() != null) {
      seen.add(root.gradFn());
      queue.add(root.gradFn());
    }
    while (!queue.isEmpty()) {
      Node node = queue.poll();
      checkState(!node.isFreed(), "graph dump: the graph through %s was freed by backward; make the dump before"
          + " backward (it shows the gradients when rendered after), or pass BackwardOption.RETAIN_GRAPH", node);
      reached.add(node);
      for (Tensor input : node.inputs()) {
        Node producer = input.gradFn();
        if (producer != null && seen.add(producer)) {
          queue.add(producer);
        }
      }
    }
    return reached;
  }

  /** The value node of {@code t}, made on first sight with the given {@code producerShown}. */
  private Value valueOf(Tensor t, boolean producerShown) {
    Value v = byTensor.get(t);
    if (v == null) {
      Role role = t.gradFn() != null ? Role.INTERMEDIATE : t.needsGrad() ? Role.PARAMETER : Role.CONSTANT;
      v = new Value("t" + values.size(), t, role, producerShown);
      values.add(v);
      byTensor.put(t, v);
    }
    return v;
  }
}
