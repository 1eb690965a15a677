package dev.chainrule.autodiff.dump;

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
import java.util.Map;

/**
 * The op nodes behind a root, reached breadth first when the dump is made, each with its inputs copied (backward
 * frees a node's inputs) and its depth: 1 for the op that made the root, {@code d + 1} for the producers of the
 * inputs of an op at depth {@code d} (the shortest distance). Breadth-first order has non-decreasing depth, so
 * both limits of a dump keep a prefix of it, and every kept op is connected to the root.
 */
record Recorded(Tensor root, List<Step> steps) {
  /** One reached op node: the node, its inputs in order, its depth from the root. */
  record Step(Node node, List<Tensor> inputs, int depth) {
    Tensor output() {
      return node.output();
    }
  }

  /**
   * Walks the graph behind {@code root}.
   *
   * @throws IllegalStateException if backward already freed the graph
   */
  static Recorded from(Tensor root) {
    List<Step> steps = new ArrayList<>();
    Map<Node, Integer> depth = new IdentityHashMap<>();
    Deque<Node> queue = new ArrayDeque<>();
    if (root.gradFn() != null) {
      depth.put(root.gradFn(), 1);
      queue.add(root.gradFn());
    }
    while (!queue.isEmpty()) {
      Node node = queue.poll();
      checkState(!node.isFreed(), "graph dump: the graph through %s was freed by backward; make the dump before"
          + " backward (it shows the gradients when rendered after), or pass BackwardOption.RETAIN_GRAPH", node);
      int d = depth.get(node);
      steps.add(new Step(node, node.inputs(), d));
      for (Tensor input : node.inputs()) {
        Node producer = input.gradFn();
        if (producer != null && !depth.containsKey(producer)) {
          depth.put(producer, d + 1);
          queue.add(producer);
        }
      }
    }
    return new Recorded(root, List.copyOf(steps));
  }

  /**
   * The ops at most {@code maxDepth} from the root, of those the {@code maxNodes} nearest it, in creation order.
   */
  List<Step> kept(int maxNodes, int maxDepth) {
    int n = 0;
    while (n < steps.size() && n < maxNodes && steps.get(n).depth() <= maxDepth) {
      n++;
    }
    List<Step> kept = new ArrayList<>(steps.subList(0, n));
    kept.sort(Comparator.comparingLong(s -> s.node().sequence()));
    return kept;
  }

  /** The number of distinct tensors the whole recorded graph touches, root included. */
  int tensorCount() {
    var all = Collections.newSetFromMap(new IdentityHashMap<Tensor, Boolean>());
    all.add(root);
    for (Step step : steps) {
      all.addAll(step.inputs());
      all.add(step.output());
    }
    return all.size();
  }
}
