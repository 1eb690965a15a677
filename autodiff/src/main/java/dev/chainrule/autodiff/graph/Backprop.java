package dev.chainrule.autodiff.graph;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.base.Verify;
import dev.chainrule.autodiff.AnomalyMode;
import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one backward walk. It knows nothing about individual ops:
 *
 * <ol>
 *   <li>order the nodes reachable from the roots so that every node comes after the nodes of its inputs
 *       (iterative depth-first search: a chain of a million ops needs no deep call stack);
 *   <li>seed each root with its upstream gradient;
 *   <li>walk that order right to left: take the node's summed gradient {@code g = dL/dy}, run the tensor's
 *       hooks, ask the op for {@code dL/dx_i}, sum each back to the shape of {@code x_i} where it was broadcast,
 *       cast it to {@code x_i}'s type, and add it ({@code +=}) to the input's node or, for a leaf, to its
 *       gradient;
 *   <li>free each node after its step unless the graph is retained.
 * </ol>
 *
 * <p>Leaf gradients are summed over the whole walk before their hooks run and before they are stored, so a
 * hook sees the complete gradient once.
 *
 * <p>In {@link AnomalyMode} only the ops' backward rules and the tensors' hooks run with the mode on: the sums,
 * casts and un-broadcasting the walker applies in between are its own bookkeeping, and a NaN they carry was
 * produced, and reported, by the rule that made it.
 */
public final class Backprop {
  private static final AtomicLong WALKS = new AtomicLong();
  private static final ThreadLocal<BackwardListener> LISTENER = new ThreadLocal<>();

  private final boolean retainGraph;
  private final boolean createGraph;
  /** Gradients wanted by a functional call, or {@code null} to accumulate into {@link Tensor#grad()}. */
  private final Map<Tensor, Tensor> wanted;
  private final Map<Tensor, GradientSum> leafGrads = new IdentityHashMap<>();
  /** The observer installed on this thread when the walk began, or {@code null}. */
  private final BackwardListener listener = LISTENER.get();
  /** Whether anomaly mode was on when the walk began: it checks the backward rules, not the bookkeeping. */
  private final boolean anomaly = AnomalyMode.isEnabled();

  private Backprop(boolean retainGraph, boolean createGraph, Map<Tensor, Tensor> wanted) {
    this.retainGraph = retainGraph || createGraph;
    this.createGraph = createGraph;
    this.wanted = wanted;
  }

  /**
   * Runs {@code body} with {@code listener} observing every backward walk it makes on this thread, then
   * restores the previous listener (also when {@code body} throws), so nothing stays installed afterwards.
   */
  public static void observe(BackwardListener listener, Runnable body) {
    checkNotNull(listener, "observe: listener must not be null");
    BackwardListener previous = LISTENER.get();
    LISTENER.set(listener);
    try {
      body.run();
    } finally {
      if (previous == null) {
        LISTENER.remove();
      } else {
        LISTENER.set(previous);
      }
    }
  }

  /** {@code root.backward(upstream)}: adds {@code dL/dx} into {@code x.grad()} for every leaf {@code x}. */
  public static void backward(Tensor root, Tensor upstream, boolean retainGraph, boolean createGraph) {
    new Backprop(retainGraph, createGraph, null).run(List.of(root), List.of(upstream));
  }

  /**
   * The gradients of {@code outputs} (weighted by {@code upstreams}) with respect to {@code inputs}, without
   * touching any {@code grad()}. An input the outputs do not depend on gets zeros of its shape.
   */
  public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> upstreams, List<Tensor> inputs,
      boolean retainGraph, boolean createGraph) {
    Map<Tensor, Tensor> wanted = new IdentityHashMap<>();
    for (Tensor input : inputs) {
      checkArgument(input.needsGrad(), "grad: input of shape %s does not require grad", input.shape());
      wanted.put(input, null);
    }
    new Backprop(retainGraph, createGraph, wanted).run(outputs, upstreams);
    List<Tensor> result = new ArrayList<>(inputs.size());
    for (Tensor input : inputs) {
      Tensor g = wanted.get(input);
      result.add(g != null ? g : Tensor.zeros(input.dtype(), input.shape().dims()));
    }
    return result;
  }

  private void run(List<Tensor> roots, List<Tensor> upstreams) {
    for (int i = 0; i < roots.size(); i++) {
      checkState(roots.get(i).needsGrad(), "backward: the tensor of shape %s does not require grad and has no"
          + " graph; call requiresGrad() on the leaves it is computed from", roots.get(i).shape());
    }
    List<Node> order = topologicalOrder(roots);
    try (var mode = GradMode.set(createGraph); var bookkeeping = AnomalyMode.off()) {
      for (int i = 0; i < roots.size(); i++) {
        if (listener != null) {
          listener.seed(roots.get(i), upstreams.get(i));
        }
        send(roots.get(i), upstreams.get(i));
      }
      for (int i = order.size() - 1; i >= 0; i--) {
        step(order.get(i));
      }
      for (Map.Entry<Tensor, GradientSum> leaf : leafGrads.entrySet()) {
        deliver(leaf.getKey(), leaf.getValue().take());
      }
    }
  }

  private void step(Node node) {
    Tensor g = node.takeGrad();
    if (g == null) {
      return; // no gradient reached this node: it is not upstream of a root through differentiable inputs
    }
    Tensor[] grads;
    if (anomaly) {
      try (var checked = AnomalyMode.on()) {
        g = node.output().runHooks(g);
        grads = node.runBackward(g);
      }
    } else {
      g = node.output().runHooks(g);
      grads = node.runBackward(g);
    }
    if (node.output().retainsGrad()) {
      node.output().setGrad(g);
    }
    if (wanted != null && wanted.containsKey(node.output())) {
      wanted.put(node.output(), g);
    }
    for (int j = 0; j < grads.length; j++) {
      Tensor input = node.input(j);
      if (grads[j] != null && input.needsGrad()) {
        if (!input.shape().broadcastsTo(grads[j].shape())) {
          throw new IllegalStateException(node.name() + ".backward returned a gradient of shape "
              + grads[j].shape() + " for input " + j + " of shape " + input.shape() + "; it must have the input's"
              + " shape or one the input broadcasts to");
        }
        Tensor sent = send(input, grads[j]);
        if (listener != null) {
          listener.contribution(node, j, input, g, grads[j], sent);
        }
      }
    }
    if (!retainGraph) {
      node.free();
    }
  }

  /**
   * Adds a gradient contribution to a tensor, after undoing broadcasting and casting to its type; returns the
   * contribution as added.
   */
  private Tensor send(Tensor target, Tensor grad) {
    Tensor g = sumToShape(grad, target.shape());
    if (g.dtype() != target.dtype()) {
      g = g.to(target.dtype());
    }
    Node node = target.gradFn();
    if (node != null) {
      node.accumulate(g);
    } else {
      leafGrads.computeIfAbsent(target, t -> new GradientSum()).add(g);
    }
    return g;
  }

  private void deliver(Tensor leaf, Tensor g) {
    Tensor hooked = leaf.runHooks(g);
    if (listener != null) {
      listener.leafTotal(leaf, hooked);
    }
    if (wanted != null) {
      if (wanted.containsKey(leaf)) {
        wanted.put(leaf, hooked);
      }
    } else {
      leaf.setGrad(leaf.grad() == null ? hooked : leaf.grad().add(hooked));
    }
  }

  /**
   * Sums {@code grad} over the axes along which a tensor of shape {@code target} was broadcast: the extra
   * leading axes, and every axis where {@code target} has size 1 and the gradient does not.
   */
  static Tensor sumToShape(Tensor grad, Shape target) {
    Shape from = grad.shape();
    if (from.equals(target)) {
      return grad;
    }
    Verify.verify(target.broadcastsTo(from), "gradient of shape %s cannot be summed to shape %s", from, target);
    int lead = from.rank() - target.rank();
    int[] axes = new int[from.rank()];
    int count = 0;
    for (int i = 0; i < from.rank(); i++) {
      if (i < lead || (target.dim(i - lead) == 1 && from.dim(i) != 1)) {
        axes[count++] = i;
      }
    }
    return grad.sum(Arrays.copyOf(axes, count), true).reshape(target.dims());
  }

  /**
   * Nodes reachable from the roots, each after the nodes of its inputs: a depth-first search with an explicit
   * stack of (node, next input to visit), so any depth works.
   */
  private static List<Node> topologicalOrder(List<Tensor> roots) {
    long mark = WALKS.incrementAndGet();
    List<Node> order = new ArrayList<>();
    Node[] stack = new Node[64];
    int[] nextInput = new int[64];
    for (Tensor root : roots) {
      Node start = root.gradFn();
      if (start == null || !start.visit(mark)) {
        continue;
      }
      int top = 0;
      stack[0] = start;
      nextInput[0] = 0;
      while (top >= 0) {
        Node node = stack[top];
        int i = nextInput[top];
        if (i < node.inputCount()) {
          nextInput[top] = i + 1;
          Node child = node.input(i).gradFn();
          if (child != null && child.visit(mark)) {
            if (++top == stack.length) {
              stack = Arrays.copyOf(stack, 2 * top);
              nextInput = Arrays.copyOf(nextInput, 2 * top);
            }
            stack[top] = child;
            nextInput[top] = 0;
          }
        } else {
          stack[top--] = null;
          order.add(node);
        }
      }
    }
    return order;
  }
}
